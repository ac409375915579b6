using System.Diagnostics;
using System.Globalization;

namespace ComfyBot.Benchmarks.AckLatency;

/// <summary>
/// What a client process holds, read from /proc (so it works alike for a JIT, a Native AOT and a Python process):
/// resident memory (VmRSS) and its split into anonymous (heaps, stacks) and file-backed (code and mapped files)
/// pages, threads, and open sockets (the gateway's, the REST pool's connections, listeners).
/// </summary>
internal readonly record struct ProcessState(double RssMb, double RssAnonMb, double RssFileMb, int Threads, int Sockets)
{
    public static ProcessState Read(int pid)
    {
        double rss = double.NaN, anon = double.NaN, file = double.NaN;
        var threads = -1;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kb(line) / 1024;
                }
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    anon = Kb(line) / 1024;
                }
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
                {
                    file = Kb(line) / 1024;
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between two reads.
        }

        return new ProcessState(rss, anon, file, threads, CountSockets(pid));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"RssAnon {RssAnonMb:0.0} MB, RssFile {RssFileMb:0.0} MB, threads {Threads}, sockets {Sockets}");

    /// <summary>
    /// The process's threads by name (/proc/PID/task/*/comm), e.g. "4 .NET TP Worker, 2 .NET Server GC": shows which
    /// kind a step in the thread count was (pool workers, GC heaps' threads, the socket engine).
    /// </summary>
    public static string ThreadKinds(int pid)
    {
        try
        {
            var names = Directory.EnumerateDirectories($"/proc/{pid}/task")
                .Select(task => { try { return File.ReadAllText(Path.Combine(task, "comm")).Trim(); } catch (IOException) { return null; } })
                .OfType<string>();
            return string.Join(", ", names.GroupBy(n => n).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        }
        catch (IOException)
        {
            return "(gone)";
        }
    }

    private static double Kb(string line) =>
        double.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    private static int CountSockets(int pid)
    {
        var count = 0;
        try
        {
            foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:", StringComparison.Ordinal))
                {
                    count++;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A descriptor closed while it was listed.
        }

        return count;
    }
}

/// <summary>
/// Samples a process's threads and sockets every few milliseconds during a burst, on a thread of its own, and keeps
/// each change with its time from the burst's start: a thread the pool injected or a connection the REST pool opened
/// mid-burst shows up as a step at the time it happened, next to the interactions that were slow then.
/// </summary>
internal sealed class ProcessSampler : IDisposable
{
    private readonly int _pid;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly List<(double AtMs, int Threads, int Sockets)> _changes = [];
    private readonly Thread _thread;
    private volatile bool _stop;

    public ProcessSampler(int pid)
    {
        _pid = pid;
        var first = ProcessState.Read(pid);
        _changes.Add((0, first.Threads, first.Sockets));
        _thread = new Thread(Run) { IsBackground = true, Name = "process sampler" };
        _thread.Start();
    }

    public IReadOnlyList<(double AtMs, int Threads, int Sockets)> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    /// <summary>"threads 9→12 (+1 at 4 ms, +2 at 31 ms), sockets 4→7 (+1 at 3 ms, ...)".</summary>
    public string Describe()
    {
        var changes = Changes;
        return $"threads {Steps(changes, c => c.Threads)}; sockets {Steps(changes, c => c.Sockets)}";
    }

    private static string Steps(IReadOnlyList<(double AtMs, int Threads, int Sockets)> changes, Func<(double AtMs, int Threads, int Sockets), int> value)
    {
        var steps = new List<string>();
        for (var i = 1; i < changes.Count; i++)
        {
            var delta = value(changes[i]) - value(changes[i - 1]);
            if (delta != 0)
            {
                steps.Add(string.Create(CultureInfo.InvariantCulture, $"{delta:+0;-0} at {changes[i].AtMs:0} ms"));
            }
        }

        var shown = steps.Count <= 12 ? steps : [.. steps.Take(12), $"... {steps.Count - 12} more"];
        var max = changes.Max(value);
        return string.Create(CultureInfo.InvariantCulture, $"{value(changes[0])}→{value(changes[^1])} (max {max}{(steps.Count == 0 ? "" : ": " + string.Join(", ", shown))})");
    }

    private void Run()
    {
        while (!_stop)
        {
            var state = ProcessState.Read(_pid);
            var at = Stopwatch.GetElapsedTime(_start).TotalMilliseconds;
            lock (_changes)
            {
                var last = _changes[^1];
                if (state.Threads >= 0 && (state.Threads != last.Threads || state.Sockets != last.Sockets))
                {
                    _changes.Add((at, state.Threads, state.Sockets));
                }
            }

            Thread.Sleep(2);
        }
    }
}
