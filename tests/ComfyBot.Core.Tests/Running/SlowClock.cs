namespace ComfyBot.Core.Tests.Running;

/// <summary>
/// A clock that reads a quarter of the real time passed since it was made, with real timers: every timer fires
/// before the clock reaches the time it was set for, as a timer can on a real machine (timers and the wall clock
/// are different clocks), only always and by far.
/// </summary>
internal sealed class SlowClock : TimeProvider
{
    private readonly DateTimeOffset _start = System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => _start + ((System.GetUtcNow() - _start) / 4);
}
