using System.Globalization;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Tests.Commands;
using ComfyBot.Tests.EndToEnd;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Tests.Logging;

/// <summary>The lines an operator reads at Information: each move of a job, each admin action, start and stop, and no stale job on a stream's warning.</summary>
public sealed class OperatorLogTests
{
    [Fact]
    public async Task AJob_IsOneInformationLinePerMove_WithMemberWorkflowBackendAndDuration()
    {
        var log = new CapturedLog();
        await using var bed = await BotBed.StartAsync(new BotBedOptions { StepsPerSecond = 40, ConfigureLogging = Information(log) });

        // Held after a step, so that the run is seen running whatever the machine's load.
        bed.Simulator.HoldSampling(afterSteps: 1);
        var interaction = bed.Imagine("logged", null, SlashCommandOption.WholeNumber("steps", 3), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 1/3", StringComparison.Ordinal));
        bed.Simulator.ReleaseSampling();
        await bed.WaitForDoneAsync(interaction);
        var moves = await WaitForLinesAsync(log, e => e.Contains("-> Succeeded", StringComparison.Ordinal), e => e.StartsWith("Information", StringComparison.Ordinal) && e.Contains(" -> ", StringComparison.Ordinal));

        Assert.True(moves.Count == 5, string.Join('\n', moves));
        string[] expected = ["Waiting -> Dispatching", "Dispatching -> Submitted", "Submitted -> Running", "Running -> Concluding", "Concluding -> Succeeded"];
        foreach (var move in expected)
        {
            var line = Assert.Single(moves, m => m.Contains(move, StringComparison.Ordinal));
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"member {interaction.User.Id}"), line, StringComparison.Ordinal);
            Assert.Contains("workflow txt2img", line, StringComparison.Ordinal);
            Assert.Matches(@"after \d+\.\d s", line);
        }

        Assert.Contains("backend gpu-1", Assert.Single(moves, m => m.Contains("Submitted -> Running", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminsPauseAndResume_AreLoggedWithTheAdmin()
    {
        var log = new CapturedLog();
        var options = new BotBedOptions { ConfigureLogging = Information(log) };
        options.Configuration["ComfyBot:Policy:AdminUserIds:0"] = CommandSteps.AdminId.ToString(CultureInfo.InvariantCulture);
        await using var bed = await BotBed.StartAsync(options);

        await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "pause");
        await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "resume");

        var lines = log.Entries.Where(e => e.StartsWith("Information", StringComparison.Ordinal) && e.Contains("/comfy-admin", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains($"Admin {CommandSteps.AdminId} (ada) ran /comfy-admin pause on -: 0 waiting", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"Admin {CommandSteps.AdminId} (ada) ran /comfy-admin resume", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStopAndAStart_SayWhatIsKeptAndWhatWasRecovered()
    {
        var log = new CapturedLog();
        await using var bed = await BotBed.StartAsync(new BotBedOptions { ConfigureLogging = Information(log) });
        Assert.Contains(log.Entries, e => e.Contains("Recovered 0 unfinished jobs from the store", StringComparison.Ordinal));

        bed.Simulator.HoldSampling(afterSteps: 1);
        var interaction = bed.Imagine("kept", null, SlashCommandOption.WholeNumber("steps", 3), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 1/3", StringComparison.Ordinal));
        await bed.StopHostAsync();
        Assert.Contains(log.Entries, e => e.StartsWith("Information", StringComparison.Ordinal) && e.Contains("Job service stopped: 1 unfinished jobs stay in the store", StringComparison.Ordinal));

        await bed.StartHostAsync();
        Assert.Contains(log.Entries, e => e.Contains("Recovered 1 unfinished jobs from the store: 0 waiting, 1 on a GPU server", StringComparison.Ordinal));
        bed.Simulator.ReleaseSampling();
        await bed.WaitForDoneAsync(interaction);
    }

    [Fact]
    public async Task AnEventStreamWarning_AfterAJob_NamesNoJob()
    {
        var log = new CapturedLog();
        await using var bed = await BotBed.StartAsync(new BotBedOptions { ConfigureLogging = Information(log) });
        await bed.WaitForDoneAsync(bed.Imagine("opens the stream"));

        // The stream stays open for the next job of the channel; a drop now is the stream's own business.
        Assert.True(bed.Simulator.DropWebSockets() > 0);
        var warnings = await WaitForLinesAsync(log, e => true, e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("Event stream", StringComparison.Ordinal));

        Assert.All(warnings, w => Assert.DoesNotContain("JobId", w, StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.DoesNotContain("TraceId", w, StringComparison.Ordinal));
    }

    private static Action<ILoggingBuilder> Information(CapturedLog log) => logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Information);

    /// <summary>Waits until a line of <paramref name="select"/> matches <paramref name="done"/>; returns every selected line.</summary>
    private static async Task<List<string>> WaitForLinesAsync(CapturedLog log, Func<string, bool> done, Func<string, bool> select)
    {
        using var guard = new CancellationTokenSource(BotBed.HangGuard);
        while (true)
        {
            var lines = log.Entries.Where(select).ToList();
            if (lines.Any(done))
            {
                return lines;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), guard.Token);
        }
    }
}
