using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue 10, defect 7: a GPU server that comes back is used at once, with live progress from its first step.</summary>
public sealed class ServerComebackTests
{
    [Fact]
    public async Task Imagine_RightAfterTheServerCameBack_ShowsLiveSteps_TheEventStreamDoesNotSitOutItsBackoff()
    {
        var options = new BotBedOptions { StepsPerSecond = 10 };

        // A deployment's backoff (the bed's own is 50-200 ms, which hides the defect), and health checks only when the
        // test asks, so the order down, back, job is certain.
        options.Configuration["ComfyBot:Backends:0:Events:ReconnectInitialDelay"] = "00:00:20";
        options.Configuration["ComfyBot:Backends:0:Events:ReconnectMaxDelay"] = "00:01:00";
        options.Configuration["ComfyBot:BackendMonitor:PollInterval"] = "00:10:00";
        options.Configuration["ComfyBot:BackendMonitor:CatalogueRefreshInterval"] = "00:10:00";
        await using var bed = await BotBed.StartAsync(options);
        var monitor = bed.Runtime.Monitor;
        var first = bed.Imagine("opens the channel's event stream", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForDoneAsync(first);

        // Cut off behind its proxy: the stream loses its socket and its next try waits 10-20 s.
        bed.Simulator.Disconnect();
        await monitor.PollOnceAsync().WaitAsync(BotBed.HangGuard);
        Assert.False(monitor.Backends[0].Health.IsUp);
        bed.Simulator.Reconnect();
        await monitor.PollOnceAsync().WaitAsync(BotBed.HangGuard);
        Assert.True(monitor.Backends[0].Health.IsUp);

        var second = bed.Imagine("runs on the server that came back", null, SlashCommandOption.WholeNumber("steps", 12), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(second);

        Assert.StartsWith("✅ Done: 1 image", reply.Current.Content, StringComparison.Ordinal);
        Assert.True(
            reply.History.Any(s => s.Content.Contains("/12", StringComparison.Ordinal)),
            $"the run's steps were shown as they happened. {bed.Describe(second)}");
        bed.Fake.AssertNoContractViolations();
    }
}
