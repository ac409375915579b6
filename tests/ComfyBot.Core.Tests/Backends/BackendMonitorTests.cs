using ComfyBot.Core.Backends;
using ComfyBot.Simulator;
using ComfyBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Backends;

public sealed class BackendMonitorTests
{
    [Fact]
    public async Task A_reachable_server_is_up_with_its_gpu_memory_and_catalogue()
    {
        await using var simulator = await ComfySimulator.StartAsync(new SimulatorOptions { GpuName = "cuda:0 Test GPU", VramTotal = 8L << 30 });
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var backend = BackendRig.For(simulator, time);
        await using var monitor = BackendRig.Monitor(time, backend);
        var changes = new List<BackendStateChangedEventArgs>();
        monitor.StateChanged += (_, e) => changes.Add(e);

        await monitor.PollOnceAsync();

        var health = backend.Health;
        Assert.Equal(BackendState.Up, health.State);
        Assert.Null(health.Error);
        Assert.Equal("cuda:0 Test GPU", health.GpuName);
        Assert.Equal(8L << 30, health.VramTotal);
        Assert.InRange(health.VramFree, 1, health.VramTotal);
        Assert.Equal(time.GetUtcNow(), health.CheckedAt);
        Assert.Equal(1, health.CatalogueVersion);
        Assert.True(health.NodeClassCount > 100, $"expected the full catalogue, got {health.NodeClassCount} classes");
        Assert.True(backend.Catalog!.Contains("KSampler"));
        Assert.Contains("trace_sd15_random.safetensors", backend.Models["checkpoints"]);
        var change = Assert.Single(changes);
        Assert.Equal(BackendState.NotCheckedYet, change.Previous.State);
        Assert.False(change.WentDown);
        Assert.False(change.CameBack);
    }

    [Fact]
    public async Task A_server_marked_faulty_is_down_with_the_reason_until_its_hold_is_over_then_the_next_healthy_check_brings_it_back()
    {
        await using var simulator = await ComfySimulator.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var backend = BackendRig.For(simulator, time);
        await using var monitor = BackendRig.Monitor(time, backend);
        var changes = new List<BackendStateChangedEventArgs>();
        monitor.StateChanged += (_, e) => changes.Add(e);
        await monitor.PollOnceAsync();
        Assert.True(backend.Health.IsUp);

        monitor.MarkFaulty(backend, "ComfyUI sent more than 1048576 bytes for GET /view x.png");

        // Down at once, with the reason and the end of the hold an admin sees; its jobs move off.
        Assert.Equal(BackendState.Down, backend.Health.State);
        Assert.Equal("marked faulty until 2026-11-27 05:05:00Z: ComfyUI sent more than 1048576 bytes for GET /view x.png", backend.Health.Error);
        Assert.True(changes[^1].WentDown);

        // The server answers its checks, but it stays down for the hold.
        time.Advance(TimeSpan.FromMinutes(4));
        await monitor.PollOnceAsync();
        Assert.Equal(BackendState.Down, backend.Health.State);
        Assert.StartsWith("marked faulty until", backend.Health.Error, StringComparison.Ordinal);
        Assert.Equal(2, changes.Count);

        time.Advance(TimeSpan.FromMinutes(1));
        await monitor.PollOnceAsync();
        Assert.Equal(BackendState.Up, backend.Health.State);
        Assert.Null(backend.Health.Error);
        Assert.True(changes[^1].CameBack);
    }

    [Fact]
    public async Task A_server_stopped_and_started_again_goes_down_then_comes_back_with_a_fresh_catalogue()
    {
        var simulator = await BackendRig.SimulatorAsync();
        var port = simulator.Port;
        var time = new FakeTimeProvider();
        await using var backend = BackendRig.For(simulator, time);
        await using var monitor = BackendRig.Monitor(time, backend);
        var changes = new List<BackendStateChangedEventArgs>();
        monitor.StateChanged += (_, e) => changes.Add(e);
        try
        {
            await monitor.PollOnceAsync();
            Assert.True(backend.Health.IsUp);
            var upSince = backend.Health.Since;

            time.Advance(TimeSpan.FromSeconds(5));
            await monitor.PollOnceAsync();
            Assert.Equal(upSince, backend.Health.Since);
            Assert.Single(changes);

            // Within the refresh interval the catalogue is not read again.
            Assert.Equal(1, backend.Health.CatalogueVersion);

            await simulator.DisposeAsync();
            time.Advance(TimeSpan.FromSeconds(5));
            await monitor.PollOnceAsync();
            var down = backend.Health;
            Assert.Equal(BackendState.Down, down.State);
            Assert.False(string.IsNullOrEmpty(down.Error));
            Assert.Equal(time.GetUtcNow(), down.Since);
            Assert.Equal("cuda:0 NVIDIA Simulated GPU : cudaMallocAsync", down.GpuName);
            Assert.True(changes[^1].WentDown);
            Assert.Equal(1, down.CatalogueVersion);

            simulator = await BackendRig.SimulatorAsync(port);
            time.Advance(TimeSpan.FromSeconds(5));
            await monitor.PollOnceAsync();
            var back = backend.Health;
            Assert.Equal(BackendState.Up, back.State);
            Assert.True(changes[^1].CameBack);
            Assert.Equal(3, changes.Count);

            // A restarted server may have new nodes or models: its catalogue is read again.
            Assert.Equal(2, back.CatalogueVersion);
        }
        finally
        {
            await simulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_polling_loop_notices_a_dead_server_when_the_clock_reaches_the_next_check()
    {
        var simulator = await BackendRig.SimulatorAsync();
        var time = new FakeTimeProvider();
        await using var backend = BackendRig.For(simulator, time);
        await using var monitor = BackendRig.Monitor(time, backend);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var down = new TaskCompletionSource<BackendStateChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        monitor.StateChanged += (_, e) =>
        {
            if (e.Current.IsUp)
            {
                up.TrySetResult();
            }
            else
            {
                down.TrySetResult(e);
            }
        };

        monitor.Start();
        await up.Task.WaitAsync(BackendRig.HangGuard);
        await simulator.DisposeAsync();
        Assert.False(down.Task.IsCompleted);

        time.Advance(new BackendMonitorOptions().PollInterval);
        var change = await down.Task.WaitAsync(BackendRig.HangGuard);

        Assert.True(change.WentDown);
        Assert.Same(backend, change.Backend);
    }

    [Fact]
    public async Task A_failing_state_handler_does_not_stop_the_checks_or_the_other_handlers()
    {
        await using var simulator = await BackendRig.SimulatorAsync();
        var time = new FakeTimeProvider();
        await using var backend = BackendRig.For(simulator, time);
        await using var monitor = BackendRig.Monitor(time, backend);
        var seen = 0;
        monitor.StateChanged += (_, _) => throw new InvalidOperationException("handler bug");
        monitor.StateChanged += (_, _) => seen++;

        await monitor.PollOnceAsync();

        Assert.True(backend.Health.IsUp);
        Assert.Equal(1, seen);
    }

    [Fact]
    public async Task Candidates_are_the_backends_that_are_up_and_can_run_the_template()
    {
        await using var simulator = await BackendRig.SimulatorAsync();
        var time = new FakeTimeProvider();
        await using var live = BackendRig.For(simulator, time, "live");
        await using var dead = new Backend(BackendRig.Options(new Uri("http://127.0.0.1:1/"), "dead"), "test", time, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await using var monitor = BackendRig.Monitor(time, live, dead);
        var template = TemplateFixtures.Load("txt2img.json");

        Assert.Empty(monitor.CandidatesFor(template));
        await monitor.PollOnceAsync();

        Assert.Equal(BackendState.Down, dead.Health.State);
        Assert.Equal([live], monitor.CandidatesFor(template));
        Assert.Same(dead, monitor.Find("DEAD"));
        Assert.Null(monitor.Find("elsewhere"));
    }

    [Fact]
    public void Two_backends_with_one_name_are_refused_with_the_name()
    {
        var time = new FakeTimeProvider();
        var a = new Backend(BackendRig.Options(new Uri("http://127.0.0.1:1/"), "gpu"), "test", time, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var b = new Backend(BackendRig.Options(new Uri("http://127.0.0.1:2/"), "GPU"), "test", time, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        var error = Assert.Throws<ArgumentException>(() => BackendRig.Monitor(time, a, b));

        Assert.Contains("'gpu'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ComfyBot:Backends", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finished_jobs_count_toward_the_last_hour_and_then_age_out()
    {
        var time = new FakeTimeProvider();
        await using var backend = new Backend(BackendRig.Options(new Uri("http://127.0.0.1:1/")), "test", time, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await using var monitor = BackendRig.Monitor(time, backend);

        Assert.Equal(new BackendThroughput(0, 0, null), backend.Throughput);
        monitor.RecordFinished(backend, TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromMinutes(30));
        monitor.RecordFinished(backend, TimeSpan.FromSeconds(20));
        Assert.Equal(new BackendThroughput(2, 2, TimeSpan.FromSeconds(15)), backend.Throughput);

        time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(new BackendThroughput(2, 1, TimeSpan.FromSeconds(20)), backend.Throughput);

        time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(new BackendThroughput(2, 0, null), backend.Throughput);
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.RecordFinished(backend, TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task A_server_seen_back_has_its_event_streams_reconnected_at_once_not_after_their_backoff()
    {
        // The clock never moves, so a stream waiting out its reconnect backoff waits for ever: only the monitor's
        // "it is back" can bring it back.
        await using var simulator = await BackendRig.SimulatorAsync();
        var time = new FakeTimeProvider();
        await using var backend = BackendRig.For(simulator, time);
        await using var monitor = BackendRig.Monitor(time, backend);
        await monitor.PollOnceAsync();
        using var scope = await backend.OpenScopeAsync("channel-1").WaitAsync(BackendRig.HangGuard);

        simulator.Disconnect();
        await Polling.UntilAsync(() => Task.FromResult(!scope.Events.IsConnected), BackendRig.HangGuard);
        await monitor.PollOnceAsync();
        Assert.False(backend.Health.IsUp);
        simulator.Reconnect();
        await monitor.PollOnceAsync();

        Assert.True(backend.Health.IsUp);
        await Polling.UntilAsync(() => Task.FromResult(scope.Events.IsConnected), BackendRig.HangGuard);
    }
}
