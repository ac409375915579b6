namespace ComfyBot.Discord.Gateway;

/// <summary>
/// Delays between reconnects: the first reconnect after a working connection is immediate (op 7 and
/// zombie resumes should be quick); each further failure doubles the ceiling, with jitter, up to a cap.
/// </summary>
internal sealed class GatewayBackoff
{
    private readonly Func<double> _random;
    private readonly TimeSpan _max;
    private int _failures;

    public GatewayBackoff(Func<double> random, TimeSpan max)
    {
        _random = random;
        _max = max;
    }

    public int Failures => _failures;

    public void Reset() => _failures = 0;

    public TimeSpan Next()
    {
        var failures = _failures++;
        if (failures == 0)
        {
            return TimeSpan.Zero;
        }

        var ceiling = TimeSpan.FromSeconds(Math.Min(_max.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 16))));

        // "Equal jitter": at least half the ceiling, so retries spread out but never collapse to zero.
        return ceiling / 2 + ceiling / 2 * _random();
    }
}
