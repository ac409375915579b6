using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Simulator;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue 10, defect 8: after a restart of the bot, the reply of a job it reattached named the node by its id, counted
/// time from the restart, and a job that finished while the bot was down said it took 0.0s.
/// </summary>
public sealed partial class RestartProgressTests
{
    /// <summary>How long the bot stays down: the job's time must include it.</summary>
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Job_ReattachedMidRun_NamesItsNodeByClass_AndCountsTimeFromItsStoredStart()
    {
        await using var bed = await BotBed.StartAsync(new BotBedOptions { StepsPerSecond = 4 });
        bed.Simulator.HoldSampling(afterSteps: 2);
        var interaction = bed.Imagine("outlives the bot", null, SlashCommandOption.WholeNumber("steps", 8), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 2/8", StringComparison.Ordinal));

        await bed.StopHostAsync();
        await Task.Delay(Downtime);
        var beforeRestart = reply.History.Count;
        await bed.StartHostAsync();
        bed.Simulator.ReleaseSampling();
        await bed.WaitForDoneAsync(interaction);

        var steps = reply.History.Skip(beforeRestart).Where(s => Step().IsMatch(s.Content)).ToList();
        Assert.True(steps.Count > 0, $"no step was shown after the restart. {bed.Describe(interaction)}");
        Assert.All(steps, s =>
        {
            Assert.StartsWith("🎨 KSampler · step ", s.Content, StringComparison.Ordinal);
            Assert.True(Seconds(s.Content) >= Downtime.TotalSeconds, $"'{s.Content}' counts from the restart, not from the job's start");
        });
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Job_FinishedWhileTheBotWasDown_ShowsTheServersGenerationTime_NotZero()
    {
        await using var bed = await BotBed.StartAsync(new BotBedOptions { StepsPerSecond = 4 });
        bed.Simulator.HoldSampling(afterSteps: 1);
        var interaction = bed.Imagine("done unseen", null, SlashCommandOption.WholeNumber("steps", 3), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 1/3", StringComparison.Ordinal));

        // The server goes on without the bot: held for the downtime, then it finishes the run.
        await bed.StopHostAsync();
        await Task.Delay(Downtime);
        bed.Simulator.ReleaseSampling();
        await WaitUntilIdleAsync(bed.Simulator);
        await bed.StartHostAsync();
        var reply = await bed.WaitForDoneAsync(interaction);

        Assert.StartsWith("✅ Done: 1 image", reply.Current.Content, StringComparison.Ordinal);
        Assert.True(Seconds(reply.Current.Content) >= Downtime.TotalSeconds, $"'{reply.Current.Content}' is not the run's time on the server");
        bed.Fake.AssertNoContractViolations();
    }

    private static double Seconds(string content) =>
        double.Parse(Elapsed().Match(content) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no time in '{content}'"), CultureInfo.InvariantCulture);

    /// <summary>Waits until the simulator runs and holds nothing (its history then has the run).</summary>
    private static async Task WaitUntilIdleAsync(ComfySimulator simulator)
    {
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress, Timeout = BotBed.HangGuard };
        using var guard = new CancellationTokenSource(BotBed.HangGuard);
        while (true)
        {
            var queue = JsonNode.Parse(await http.GetStringAsync("queue", guard.Token))!;
            if (queue["queue_running"]!.AsArray().Count == 0 && queue["queue_pending"]!.AsArray().Count == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), guard.Token);
        }
    }

    [GeneratedRegex(@"step \d+/\d+")]
    private static partial Regex Step();

    [GeneratedRegex(@"· (\d+\.\d)s(\n|$)")]
    private static partial Regex Elapsed();
}
