namespace ComfyBot.FakeDiscord;

/// <summary>
/// The wall clock plus an offset that only grows: time flows as usual, and <see cref="Advance"/> jumps it ahead
/// (e.g. past an interaction token's 15 minutes). The standalone server runs on one, so its control API can move
/// time; tests use a FakeTimeProvider instead.
/// </summary>
public sealed class FakeDiscordClock : TimeProvider
{
    private long offsetTicks;

    /// <summary>How far ahead of the wall clock this clock is.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the clock ahead by <paramref name="by"/> (positive).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        Interlocked.Add(ref offsetTicks, by.Ticks);
    }
}
