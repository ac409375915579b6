namespace ComfyBot.Core.Scheduling;

/// <summary>
/// Counts the prompts in flight on each backend against its MaxInFlight and picks where a job should go.
/// Thread-safe (one lock), no I/O.
/// </summary>
public sealed class BackendSlots
{
    private readonly Lock _gate = new();
    private readonly Slot[] _slots;
    private readonly Dictionary<string, Slot> _byName;

    /// <summary>Creates the counters, all empty.</summary>
    /// <exception cref="ArgumentException">A name is empty or repeated, a MaxInFlight is below 1 or a weight is not above 0.</exception>
    public BackendSlots(IEnumerable<BackendCapacity> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        _slots = backends.Select(Validate).Select(b => new Slot(b)).ToArray();
        _byName = new Dictionary<string, Slot>(StringComparer.Ordinal);
        foreach (var slot in _slots)
        {
            if (!_byName.TryAdd(slot.Capacity.Name, slot))
            {
                throw new ArgumentException($"Backend '{slot.Capacity.Name}' is configured twice; give each backend a unique Name.", nameof(backends));
            }
        }
    }

    /// <summary>The configured backend names, in configuration order.</summary>
    public IReadOnlyList<string> Names => _slots.Select(s => s.Capacity.Name).ToArray();

    /// <summary>Takes one slot on the named backend; false when it is full.</summary>
    /// <exception cref="ArgumentException">No backend has that name.</exception>
    public bool TryAcquire(string backend)
    {
        lock (_gate)
        {
            var slot = Find(backend);
            if (slot.InFlight >= slot.Capacity.MaxInFlight)
            {
                return false;
            }

            slot.InFlight++;
            return true;
        }
    }

    /// <summary>Gives back one slot when a job on that backend ends (any outcome).</summary>
    /// <exception cref="ArgumentException">No backend has that name.</exception>
    /// <exception cref="InvalidOperationException">Nothing is in flight there: a release without an acquire.</exception>
    public void Release(string backend)
    {
        lock (_gate)
        {
            var slot = Find(backend);
            if (slot.InFlight == 0)
            {
                throw new InvalidOperationException($"Backend '{backend}' has no job in flight to release; every Release must follow one successful acquire.");
            }

            slot.InFlight--;
        }
    }

    /// <summary>
    /// The backend a job should go to: among those with a free slot that <paramref name="canRun"/> accepts, the
    /// one with the fewest prompts in flight, then the highest weight, then the first configured. Null when none.
    /// Does not acquire.
    /// </summary>
    public string? PickFor(Func<string, bool> canRun)
    {
        ArgumentNullException.ThrowIfNull(canRun);
        lock (_gate)
        {
            return PickLocked(canRun, static (accepts, backend) => accepts(backend))?.Capacity.Name;
        }
    }

    /// <summary>Whether any backend has a slot free: when none has, no job can be handed out, whatever it is.</summary>
    internal bool AnyFree
    {
        get
        {
            lock (_gate)
            {
                return _slots.Any(s => s.InFlight < s.Capacity.MaxInFlight);
            }
        }
    }

    /// <summary><see cref="PickFor"/> for a job, without a closure per job: the dispatch path asks this once per candidate.</summary>
    internal bool HasFreeSlotFor<TJob>(TJob job, Func<TJob, string, bool> canRunOn)
    {
        lock (_gate)
        {
            return PickLocked(job, canRunOn) is not null;
        }
    }

    /// <summary>Picks like <see cref="PickFor"/> and takes the slot in the same step; null when no backend fits.</summary>
    public string? TryAcquireFor(Func<string, bool> canRun)
    {
        ArgumentNullException.ThrowIfNull(canRun);
        return TryAcquireFor(canRun, static (accepts, backend) => accepts(backend));
    }

    /// <summary><see cref="TryAcquireFor(Func{string, bool})"/> for a job, without a closure.</summary>
    internal string? TryAcquireFor<TJob>(TJob job, Func<TJob, string, bool> canRunOn)
    {
        lock (_gate)
        {
            var slot = PickLocked(job, canRunOn);
            if (slot is null)
            {
                return null;
            }

            slot.InFlight++;
            return slot.Capacity.Name;
        }
    }

    /// <summary>Every backend's slots now, in configuration order.</summary>
    public IReadOnlyList<BackendLoad> Snapshot()
    {
        lock (_gate)
        {
            return _slots.Select(s => new BackendLoad(s.Capacity.Name, s.InFlight, s.Capacity.MaxInFlight)).ToArray();
        }
    }

    private Slot? PickLocked<TState>(TState state, Func<TState, string, bool> canRun)
    {
        Slot? best = null;
        foreach (var slot in _slots)
        {
            if (slot.InFlight >= slot.Capacity.MaxInFlight || !canRun(state, slot.Capacity.Name))
            {
                continue;
            }

            // Fewest prompts ahead starts soonest; strict comparisons keep the first configured on a full tie.
            if (best is null
                || slot.InFlight < best.InFlight
                || (slot.InFlight == best.InFlight && slot.Capacity.Weight > best.Capacity.Weight))
            {
                best = slot;
            }
        }

        return best;
    }

    private Slot Find(string backend) =>
        _byName.TryGetValue(backend, out var slot)
            ? slot
            : throw new ArgumentException($"No backend is named '{backend}'; configured: {string.Join(", ", _byName.Keys)}.", nameof(backend));

    private static BackendCapacity Validate(BackendCapacity backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (string.IsNullOrWhiteSpace(backend.Name))
        {
            throw new ArgumentException("A backend has an empty Name; give every backend a unique, non-empty Name.", nameof(backend));
        }

        if (backend.MaxInFlight < 1)
        {
            throw new ArgumentException($"Backend '{backend.Name}' has MaxInFlight {backend.MaxInFlight}; use 1 or more (default 2).", nameof(backend));
        }

        if (!double.IsFinite(backend.Weight) || backend.Weight <= 0)
        {
            throw new ArgumentException($"Backend '{backend.Name}' has Weight {backend.Weight}; use a number above 0 (default 1).", nameof(backend));
        }

        return backend;
    }

    private sealed class Slot(BackendCapacity capacity)
    {
        public BackendCapacity Capacity { get; } = capacity;

        public int InFlight { get; set; }
    }
}
