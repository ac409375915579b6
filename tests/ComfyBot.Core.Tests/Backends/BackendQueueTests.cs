using System.Text.Json.Nodes;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Backends;

public sealed class BackendQueueTests
{
    [Fact]
    public async Task Prompts_from_the_owners_web_ui_count_as_foreign_and_the_bots_own_do_not()
    {
        await using var simulator = await BackendRig.SimulatorAsync();
        await using var backend = BackendRig.For(simulator);
        await using var monitor = BackendRig.Monitor(TimeProvider.System, backend);
        simulator.HoldSampling();
        simulator.EnqueueForeignPrompt();
        simulator.EnqueueForeignPrompt();
        using var scope = await backend.OpenScopeAsync("chan42").WaitAsync(BackendRig.HangGuard);
        await using var job = await scope.Tracker.SubmitAsync(new PromptRequest(SleepPrompt()) { ClientId = scope.ClientId });
        try
        {
            await monitor.PollOnceAsync();

            var health = backend.Health;
            Assert.Equal(1, health.QueueRunning);
            Assert.Equal(2, health.QueuePending);
            Assert.Equal(2, health.ForeignQueued);
            Assert.Equal(2, await backend.GetForeignAheadAsync(job.PromptId));
            Assert.Equal(2, await backend.GetForeignAheadAsync());
        }
        finally
        {
            simulator.ReleaseSampling();
        }

        Assert.IsType<JobSucceeded>(await job.Outcome.WaitAsync(BackendRig.HangGuard));
        Assert.Equal(0, await backend.GetForeignAheadAsync());
    }

    [Fact]
    public async Task Only_foreign_prompts_before_the_given_one_are_ahead_of_it()
    {
        await using var backend = new ComfyBot.Core.Backends.Backend(
            BackendRig.Options(new Uri("http://127.0.0.1:1/")), "main", new FakeTimeProvider(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var queue = new QueueSnapshot(
            [new QueueItem(1, "web-running", "webui-tab")],
            [
                new QueueItem(5, "after", null),
                new QueueItem(2, "other-instance", "comfybot-staging-chan1"),
                new QueueItem(3, "ours", "comfybot-main-chan1"),
                new QueueItem(4, "target", "comfybot-main-user7"),
            ]);

        Assert.Equal(2, backend.CountForeignAhead(queue, "target"));
        Assert.Equal(3, backend.CountForeignAhead(queue));
        Assert.Equal(3, backend.CountForeignAhead(queue, "not-on-the-queue"));
        Assert.Equal(0, backend.CountForeignAhead(queue, "web-running"));
        Assert.True(backend.IsOwn(new QueueItem(0, "x", "comfybot-main-chan1")));
        Assert.False(backend.IsOwn(new QueueItem(0, "x", "comfybot-mainly-chan1")));
    }

    private static JsonObject SleepPrompt() => new()
    {
        ["1"] = new JsonObject
        {
            ["class_type"] = "TraceSleep",
            ["inputs"] = new JsonObject { ["seconds"] = 0.1, ["steps"] = 2, ["preview"] = false, ["tag"] = "mine" },
        },
    };
}
