using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Simulator;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue test 9: the bot goes down mid-job; a new host on the same SQLite file reattaches and delivers the image once.</summary>
public sealed class BotRestartTests
{
    [Fact]
    public async Task Job_WhenBotRestartsMidRun_NewHostDeliversTheImageOnce()
    {
        await using var bed = await BotBed.StartAsync();
        bed.Simulator.HoldSampling(afterSteps: 1);
        var interaction = bed.Imagine("outlives the bot", null, SlashCommandOption.WholeNumber("steps", 3), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 1/3", StringComparison.Ordinal));

        await bed.StopHostAsync();
        bed.Simulator.ReleaseSampling();
        await bed.StartHostAsync();
        var reply = await bed.WaitForDoneAsync(interaction);

        Assert.StartsWith("✅ Done: 1 image", reply.Current.Content, StringComparison.Ordinal);
        Assert.Single(reply.Current.Attachments);
        Assert.Single(reply.History, s => BotBed.IsFinal(s.Content));

        // A third start finds nothing left to deliver. The store marks the final delivered just after the edit lands,
        // and nothing signals it: a stop in between leaves it unmarked, which the next start sends again by design.
        var jobId = (await bed.Runtime.Store.ListRecentFinishedAsync(DateTimeOffset.MinValue)).Single().Id;
        using (var guard = new CancellationTokenSource(BotBed.HangGuard))
        {
            while (!(await bed.Runtime.Store.GetAsync(jobId))!.FinalDelivered)
            {
                await Task.Delay(20, guard.Token);
            }
        }

        await bed.StopHostAsync();
        await bed.StartHostAsync();
        Assert.Empty(bed.Runtime.Jobs.ListQueue());
        Assert.Single(reply.History, s => BotBed.IsFinal(s.Content));
        Assert.Empty(bed.ChannelMessages(interaction.ChannelId));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Job_WhenBotRestartsWhileItsGpuServerIsDown_StartsAnywayAndFinishesWhenTheServerIsBack()
    {
        var options = new BotBedOptions();
        options.Configuration["ComfyBot:Jobs:ConnectTimeout"] = "00:00:01";
        await using var bed = await BotBed.StartAsync(options);
        bed.Simulator.HoldSampling(afterSteps: 1);
        var interaction = bed.Imagine("outlives both", null, SlashCommandOption.WholeNumber("steps", 3), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 1/3", StringComparison.Ordinal));

        await bed.StopHostAsync();
        var port = bed.Simulator.Port;
        await bed.Simulator.DisposeAsync();

        // The start must not wait for a server that is not there: the reattached job waits on its own.
        await bed.StartHostAsync();
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("GPU server offline, your job is kept", StringComparison.Ordinal));
        await using var revived = await ComfySimulator.StartAsync(new SimulatorOptions { Port = port });
        await bed.Runtime.Monitor.PollOnceAsync().WaitAsync(BotBed.HangGuard);
        var reply = await bed.WaitForDoneAsync(interaction);

        Assert.StartsWith("✅ Done: 1 image", reply.Current.Content, StringComparison.Ordinal);
        Assert.Single(reply.Current.Attachments);
        Assert.Single(reply.History, s => BotBed.IsFinal(s.Content));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task SecondBot_OnTheSameStore_RefusesToStartAndTheFirstGoesOn()
    {
        await using var bed = await BotBed.StartAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(bed.StartHostAsync);

        Assert.Contains("Another ComfyBot is running on the job store", error.Message, StringComparison.Ordinal);
        Assert.Contains("ComfyBot:Store:Path", error.Message, StringComparison.Ordinal);
        var interaction = bed.Imagine("still served", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        Assert.StartsWith("✅ Done: 1 image", (await bed.WaitForDoneAsync(interaction)).Current.Content, StringComparison.Ordinal);
    }
}
