namespace ComfyBot.Hosting;

/// <summary>
/// When <see cref="IdleMemoryTrim"/> collects: after a busy spell (at least <see cref="BusySpellBytes"/> allocated
/// since the last collection it asked for) once <see cref="QuietChecks"/> checks in a row each saw less than
/// <see cref="QuietBytes"/> allocated. Never while busy (a blocking collection would stall replies), and never again
/// at idle until there is something new to give back.
/// </summary>
internal sealed class IdleTrimPolicy(long allocatedAtStart)
{
    /// <summary>About one burst of slash commands: less than this the GC has not grown into, so there is little to return.</summary>
    public const long BusySpellBytes = 8L * 1024 * 1024;

    /// <summary>An idle bot's heartbeats and server polls allocate far less than this per check.</summary>
    public const long QuietBytes = 1024L * 1024;

    /// <summary>Three checks (30 s): a lively server's pauses between commands are shorter.</summary>
    public const int QuietChecks = 3;

    private long _last = allocatedAtStart;
    private long _sinceTrim;
    private int _quiet;

    /// <summary>Takes the process's allocation count at a check; returns the bytes of the busy spell when it is time to collect, otherwise null.</summary>
    public long? Observe(long allocatedBytes)
    {
        var step = Math.Max(0, allocatedBytes - _last);
        _last = allocatedBytes;
        _sinceTrim += step;
        _quiet = step < QuietBytes ? _quiet + 1 : 0;
        if (_quiet < QuietChecks || _sinceTrim < BusySpellBytes)
        {
            return null;
        }

        var spell = _sinceTrim;
        _sinceTrim = 0;
        return spell;
    }
}
