using ComfyBot.Core.Jobs;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Simulator;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>The only GPU server is down when a member asks: the job is kept, the reply says so, and it runs once the server is back.</summary>
public sealed class GpuServerOfflineTests
{
    private const ulong MemberId = 1_300_000_000_000_000_061;

    [Fact]
    public async Task Imagine_WhileOnlyBackendIsDown_KeepsTheJobSaysSoAndFinishesWhenItIsBack()
    {
        var options = new BotBedOptions();

        // The monitor checks once at start and then not for ten minutes, so it still counts the server up when the
        // job is dispatched: the failure is met by the dispatch itself, which is the path that tells the member.
        options.Configuration["ComfyBot:BackendMonitor:PollInterval"] = "00:10:00";
        options.Configuration["ComfyBot:BackendMonitor:CatalogueRefreshInterval"] = "00:10:00";
        options.Configuration["ComfyBot:Jobs:ConnectTimeout"] = "00:00:01";
        await using var bed = await BotBed.StartAsync(options);

        // The host polls once before it starts and its loop once more right after; this check waits for one in flight
        // (they share a lock), so no late check can see the server down before the job is dispatched.
        await bed.Runtime.Monitor.PollOnceAsync().WaitAsync(BotBed.HangGuard);
        Assert.True(bed.Runtime.Monitor.Backends[0].Health.IsUp);

        var port = bed.Simulator.Port;
        await bed.Simulator.DisposeAsync();
        var interaction = bed.Imagine("waits for the GPU", BotBed.Member(MemberId, "patient"), SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        var waiting = await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("GPU server offline, your job is kept", StringComparison.Ordinal));

        Assert.False(BotBed.IsFinal(waiting.Current.Content), bed.Describe(interaction));
        var kept = Assert.Single(await bed.Runtime.Store.ListByOwnerAsync(MemberId, includeFinished: true));
        Assert.Equal(JobState.Waiting, kept.State);

        // The same address comes back, as a restarted ComfyUI would.
        await using var revived = await ComfySimulator.StartAsync(new SimulatorOptions { Port = port });

        // Under load the monitor's own first check can land after the shutdown and mark the server down; with checks
        // ten minutes apart, this check is the one that sees it back (a deployment's 15 s interval would).
        await bed.Runtime.Monitor.PollOnceAsync().WaitAsync(BotBed.HangGuard);
        var reply = await bed.WaitForDoneAsync(interaction);

        Assert.Same(waiting, reply);
        Assert.StartsWith("✅ Done: 1 image", reply.Current.Content, StringComparison.Ordinal);
        var image = Assert.Single(reply.Current.Attachments);
        Assert.Equal("image/png", image.ContentType);
        Assert.Single(reply.History, s => BotBed.IsFinal(s.Content));
        Assert.Same(reply.Current, reply.History[^1]);
        var done = Assert.Single(await bed.Runtime.Store.ListByOwnerAsync(MemberId, includeFinished: true));
        Assert.Equal(kept.Id, done.Id);
        Assert.Equal(JobState.Succeeded, done.State);
        bed.Fake.AssertNoContractViolations();
    }
}
