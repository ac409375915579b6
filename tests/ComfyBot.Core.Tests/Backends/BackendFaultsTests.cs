using System.Globalization;
using ComfyBot.Core.Backends;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Backends;

/// <summary>The fault holds' own rules, on a fake clock and a backend that is never contacted.</summary>
public sealed class BackendFaultsTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-27T05:00:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_check_that_ends_during_a_hold_keeps_the_fault_and_one_after_it_drops_the_hold()
    {
        var (time, faults) = Rig();
        await using var backend = NewBackend(time);
        var up = Up(time.GetUtcNow());
        faults.Apply(backend, up);

        var (previous, marked, until) = faults.Mark(backend, "ComfyUI sent more than 1048576 bytes for GET /view x.png");

        Assert.Equal(up, previous);
        Assert.Equal(Start + TimeSpan.FromMinutes(5), until);
        Assert.Equal(BackendState.Down, marked.State);
        Assert.Equal(Start, marked.Since);
        Assert.True(faults.IsHeld(backend));

        // A health check begun before the fault answers healthy: the backend stays as the fault left it.
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        var (_, during) = faults.Apply(backend, Up(time.GetUtcNow()));
        Assert.Same(marked, during);
        Assert.Same(marked, backend.Health);

        time.Advance(TimeSpan.FromTicks(1));
        Assert.False(faults.IsHeld(backend));
        var after = Up(time.GetUtcNow());
        var (before, current) = faults.Apply(backend, after);
        Assert.Same(marked, before);
        Assert.Same(after, current);

        // The hold is gone: a later fault-free check is taken as it is.
        var down = after with { State = BackendState.Down, Error = "connection refused" };
        Assert.Same(down, faults.Apply(backend, down).Current);
    }

    [Fact]
    public async Task A_fault_on_a_backend_already_down_keeps_when_it_went_down()
    {
        var (time, faults) = Rig();
        await using var backend = NewBackend(time);
        var wentDown = Up(Start) with { State = BackendState.Down, Since = Start, Error = "connection refused" };
        faults.Apply(backend, wentDown);
        time.Advance(TimeSpan.FromMinutes(2));

        var (_, marked, _) = faults.Mark(backend, "endless message");

        Assert.Equal(Start, marked.Since);
        Assert.Equal("marked faulty until 2026-11-27 05:07:00Z: endless message", marked.Error);
    }

    private static (FakeTimeProvider Time, BackendFaults Faults) Rig()
    {
        var time = new FakeTimeProvider(Start);
        return (time, new BackendFaults(new BackendMonitorOptions(), time, NullLogger.Instance));
    }

    private static Backend NewBackend(TimeProvider time) =>
        new(BackendRig.Options(new Uri("http://127.0.0.1:9")), "test", time, NullLoggerFactory.Instance);

    private static BackendHealth Up(DateTimeOffset at) =>
        new(BackendState.Up, at, at, null, "cuda:0", 8L << 30, 4L << 30, 0, 0, 0, 1, 100);
}
