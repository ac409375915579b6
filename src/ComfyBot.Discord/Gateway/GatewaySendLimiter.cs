namespace ComfyBot.Discord.Gateway;

/// <summary>
/// Discord allows 120 sends per connection per 60 s and disconnects on the 121st. Ordinary sends stop
/// short of the limit so that heartbeats always find room.
/// </summary>
internal sealed class GatewaySendLimiter
{
    public const int Limit = 120;
    public const int HeartbeatReserve = 10;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _timeProvider;
    private readonly List<long> _sentAt = new(Limit);

    public GatewaySendLimiter(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <summary>How long until one more send of this kind fits; zero when it fits now.</summary>
    public TimeSpan TimeUntilAllowed(bool heartbeat)
    {
        var now = _timeProvider.GetTimestamp();
        Prune(now);
        var cap = heartbeat ? Limit : Limit - HeartbeatReserve;
        if (_sentAt.Count < cap)
        {
            return TimeSpan.Zero;
        }

        // The send that has to leave the window before one more fits.
        var blocking = _sentAt[_sentAt.Count - cap];
        var wait = Window - _timeProvider.GetElapsedTime(blocking, now);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public void Record() => _sentAt.Add(_timeProvider.GetTimestamp());

    private void Prune(long now)
    {
        var expired = 0;
        while (expired < _sentAt.Count && _timeProvider.GetElapsedTime(_sentAt[expired], now) >= Window)
        {
            expired++;
        }

        if (expired > 0)
        {
            _sentAt.RemoveRange(0, expired);
        }
    }
}
