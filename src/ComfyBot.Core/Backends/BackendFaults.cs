using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Backends;

/// <summary>
/// Which monitored backends are held down as faulty, why and until when (see <see cref="BackendMonitor.MarkFaulty"/>),
/// and the one place their health is set: a fault and a health check take turns, so that a check begun before the
/// fault does not bring the backend back up.
/// </summary>
/// <param name="options">The monitor's settings: how long a fault holds (<see cref="BackendMonitorOptions.FaultHold"/>).</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The monitor's logger.</param>
internal sealed class BackendFaults(BackendMonitorOptions options, TimeProvider time, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Backend, (string Reason, DateTimeOffset Until)> _faults = [];

    /// <summary>
    /// Holds <paramref name="backend"/> down for <see cref="BackendMonitorOptions.FaultHold"/> from now, with
    /// <paramref name="reason"/> in its error, and sets its health so: returns its health before and after, and when
    /// the hold ends.
    /// </summary>
    public (BackendHealth Previous, BackendHealth Current, DateTimeOffset Until) Mark(Backend backend, string reason)
    {
        BackendHealth previous, current;
        var now = time.GetUtcNow();
        var until = now + options.FaultHold;
        lock (_gate)
        {
            _faults[backend] = (reason, until);
            previous = backend.Health;
            current = previous with
            {
                State = BackendState.Down,
                Since = previous.State == BackendState.Down ? previous.Since : now,
                Error = FaultText(reason, until),
            };
            backend.SetHealth(current);
        }

        return (previous, current, until);
    }

    /// <summary>Whether a fault holds <paramref name="backend"/> down now.</summary>
    public bool IsHeld(Backend backend)
    {
        lock (_gate)
        {
            return _faults.TryGetValue(backend, out var fault) && time.GetUtcNow() < fault.Until;
        }
    }

    /// <summary>
    /// Sets what a health check found (<paramref name="probed"/>) as <paramref name="backend"/>'s health, unless a fault
    /// marked during the check holds it down; a hold that is over is dropped. Returns its health before and after.
    /// </summary>
    public (BackendHealth Previous, BackendHealth Current) Apply(Backend backend, BackendHealth probed)
    {
        lock (_gate)
        {
            var previous = backend.Health;
            var current = WithFault(backend, previous, probed);
            backend.SetHealth(current);
            return (previous, current);
        }
    }

    private BackendHealth WithFault(Backend backend, BackendHealth previous, BackendHealth probed)
    {
        if (!_faults.TryGetValue(backend, out var fault))
        {
            return probed;
        }

        if (time.GetUtcNow() < fault.Until)
        {
            return previous;
        }

        _faults.Remove(backend);
        logger.LogInformation("Backend {Backend}: its fault hold is over; the health check finds it {State}.", backend.Name, probed.State);
        return probed;
    }

    private static string FaultText(string reason, DateTimeOffset until) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"marked faulty until {until:u}: {reason}");
}
