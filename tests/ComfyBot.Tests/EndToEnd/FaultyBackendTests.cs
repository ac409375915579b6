using ComfyBot.Core.Backends;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Testing;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue 11, item 10: a GPU server that sends more than the caps allow fails the job with a clear reason, and is taken
/// out of service, so that it does not go on getting jobs that fail the same way.
/// </summary>
public sealed class FaultyBackendTests
{
    [Fact]
    public async Task AnEndlessViewAnswer_FailsTheJob_AndMarksTheServerFaulty_SoTheNextJobWaits()
    {
        var options = new BotBedOptions();
        options.Configuration["ComfyBot:Backends:0:Http:MaxResponseBytes"] = "1048576";
        await using var bed = await BotBed.StartAsync(options);
        bed.Simulator.ViewAnswersEndlessly = true;

        var first = bed.Imagine("a lighthouse", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        var failed = await bed.WaitForDoneAsync(first);

        Assert.StartsWith("❌", failed.Current.Content, StringComparison.Ordinal);
        Assert.Contains("ComfyUI sent more than 1048576 bytes for GET /view", failed.Current.Content, StringComparison.Ordinal);
        var backend = Assert.Single(bed.Runtime.Monitor.Backends);

        // The job ends first (so that moving the server's jobs off does not take it), then the server is marked.
        await Polling.UntilAsync(() => backend.Health.State == BackendState.Down, BotBed.HangGuard);
        Assert.StartsWith("marked faulty until ", backend.Health.Error, StringComparison.Ordinal);
        Assert.Contains("ComfyUI sent more than 1048576 bytes for GET /view", backend.Health.Error, StringComparison.Ordinal);

        // The next job is kept, not sent to the faulty server.
        var prompts = await PromptsSeenAsync(bed);
        var second = bed.Imagine("another", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(second, s => s.Content.Contains("GPU server offline", StringComparison.Ordinal));
        Assert.Equal(prompts, await PromptsSeenAsync(bed));
        Assert.Equal(BackendState.Down, backend.Health.State);
        bed.Fake.AssertNoContractViolations();
    }

    /// <summary>How many prompts the server has run or is running (its /history and /queue).</summary>
    private static async Task<int> PromptsSeenAsync(BotBed bed)
    {
        using var http = new HttpClient { BaseAddress = bed.Simulator.BaseAddress, Timeout = BotBed.HangGuard };
        var history = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(new Uri("history", UriKind.Relative)))!.AsObject();
        var queue = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(new Uri("queue", UriKind.Relative)))!;
        return history.Count + queue["queue_running"]!.AsArray().Count + queue["queue_pending"]!.AsArray().Count;
    }
}
