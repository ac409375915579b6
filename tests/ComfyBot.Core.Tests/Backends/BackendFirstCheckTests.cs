using ComfyBot.Core.Backends;
using ComfyBot.Simulator;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Backends;

/// <summary>
/// Issue 15: the first check of the servers is a state of its own. A server whose /object_info is still on its way is
/// "not checked yet" (not down), the first check ends with the last answer, and a decision waits for it only as long
/// as what is known does not decide.
/// </summary>
public sealed class BackendFirstCheckTests
{
    [Fact]
    public async Task A_server_whose_catalogue_is_held_stays_not_checked_yet_while_the_other_is_up_and_the_first_check_ends_with_its_answer()
    {
        await using var quick = await ComfySimulator.StartAsync();
        await using var slow = await ComfySimulator.StartAsync();
        slow.HoldObjectInfo();
        await using var gpu1 = BackendRig.For(quick, name: "gpu-1");
        await using var gpu2 = BackendRig.For(slow, name: "gpu-2");
        await using var monitor = BackendRig.Monitor(TimeProvider.System, gpu1, gpu2);
        Assert.True(monitor.AnyNotCheckedYet);

        var poll = monitor.PollOnceAsync();
        await slow.ObjectInfoHeld.WaitAsync(BackendRig.HangGuard);
        await Polling.UntilAsync(() => gpu1.Health.IsUp, BackendRig.HangGuard);

        Assert.Equal(BackendState.NotCheckedYet, gpu2.Health.State);
        Assert.False(gpu2.Health.IsUp);
        Assert.Equal(["gpu-2"], monitor.NotCheckedYet.Select(b => b.Name));
        Assert.False(monitor.FirstCheck.IsCompleted);
        Assert.Null(monitor.FirstCheckTook);

        // What the quick server's answer decides needs no wait; what it does not waits for the slow one.
        await monitor.WhenDecidableAsync(() => gpu1.Health.IsUp, CancellationToken.None).WaitAsync(BackendRig.HangGuard);
        var undecided = monitor.WhenDecidableAsync(() => false, CancellationToken.None);
        Assert.False(undecided.IsCompleted);

        slow.ReleaseObjectInfo();
        await poll.WaitAsync(BackendRig.HangGuard);
        await undecided.WaitAsync(BackendRig.HangGuard);
        await monitor.FirstCheck.WaitAsync(BackendRig.HangGuard);

        Assert.True(gpu2.Health.IsUp);
        Assert.False(monitor.AnyNotCheckedYet);
        Assert.NotNull(monitor.FirstCheckTook);
    }

    [Fact]
    public async Task A_decision_waiting_for_a_first_check_that_does_not_answer_ends_undecided_at_its_own_limit_not_at_the_probe_timeouts()
    {
        await using var simulator = await ComfySimulator.StartAsync();
        simulator.HoldObjectInfo();
        await using var backend = BackendRig.For(simulator);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var monitor = new BackendMonitor([backend], new BackendMonitorOptions { FirstCheckWait = TimeSpan.FromSeconds(20) }, clock, NullLogger<BackendMonitor>.Instance);
        var poll = monitor.PollOnceAsync();
        await simulator.ObjectInfoHeld.WaitAsync(BackendRig.HangGuard);

        // Before, only the probe's client timeouts ended this wait (each request's RequestTimeout times its retries).
        var waiting = monitor.WhenDecidableAsync(() => false, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await waiting.WaitAsync(BackendRig.HangGuard));
        Assert.True(monitor.AnyNotCheckedYet);

        // What a checked server decides still needs no wait, and the server's answer ends any wait.
        Assert.True(await monitor.WhenDecidableAsync(() => true, CancellationToken.None).WaitAsync(BackendRig.HangGuard));
        simulator.ReleaseObjectInfo();
        await poll.WaitAsync(BackendRig.HangGuard);
        Assert.True(await monitor.WhenDecidableAsync(() => false, CancellationToken.None).WaitAsync(BackendRig.HangGuard));
    }

    [Fact]
    public async Task A_server_that_does_not_answer_its_first_check_is_down_and_ends_the_first_check()
    {
        await using var simulator = await ComfySimulator.StartAsync();
        simulator.Disconnect();
        await using var backend = BackendRig.For(simulator);
        await using var monitor = BackendRig.Monitor(TimeProvider.System, backend);

        await monitor.PollOnceAsync().WaitAsync(BackendRig.HangGuard);

        Assert.Equal(BackendState.Down, backend.Health.State);
        Assert.True(monitor.FirstCheck.IsCompletedSuccessfully);
        await monitor.WhenDecidableAsync(() => false, CancellationToken.None).WaitAsync(BackendRig.HangGuard);
    }

    [Fact]
    public async Task Disposing_the_monitor_before_its_first_check_ends_releases_whoever_waits_for_it()
    {
        await using var simulator = await ComfySimulator.StartAsync();
        simulator.HoldObjectInfo();
        await using var backend = BackendRig.For(simulator);
        var monitor = BackendRig.Monitor(TimeProvider.System, backend);
        monitor.Start();
        await simulator.ObjectInfoHeld.WaitAsync(BackendRig.HangGuard);
        var waiting = monitor.WhenDecidableAsync(() => false, CancellationToken.None);

        await monitor.DisposeAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => monitor.FirstCheck.WaitAsync(BackendRig.HangGuard));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(BackendRig.HangGuard));
    }
}
