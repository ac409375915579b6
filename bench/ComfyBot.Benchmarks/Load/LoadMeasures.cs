using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace ComfyBot.Benchmarks.Load;

/// <summary>Percentiles, memory and machine load for the printouts; Linux /proc where the runtime has no API.</summary>
internal static class LoadMeasures
{
    public static double Percentile(IReadOnlyCollection<double> samples, double quantile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToList();
        var index = (int)Math.Ceiling(quantile * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    public static string Summary(IReadOnlyCollection<double> samples, string unit = "ms") =>
        samples.Count == 0
            ? "no samples"
            : string.Create(CultureInfo.InvariantCulture,
                $"median {Percentile(samples, 0.5):0.0} {unit}, p99 {Percentile(samples, 0.99):0.0} {unit}, min {samples.Min():0.0}, max {samples.Max():0.0} (n={samples.Count})");

    /// <summary>Live managed heap after two full blocking, compacting collections (what survives, not what was allocated or left as holes).</summary>
    public static long SettledHeapBytes()
    {
        for (var i = 0; i < 2; i++)
        {
            // Freed large arrays would otherwise stay counted as LOH fragments.
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        // GetTotalMemory counts free space the GC cannot give back (pinned socket buffers split the heap); the last
        // full GC's heap size minus its fragmentation is what a heap dump calls reachable.
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

    /// <summary>Peak resident set (VmHWM) in bytes; the process's peak working set where /proc is missing.</summary>
    public static long PeakRssBytes()
    {
        var kilobytes = StatusField("VmHWM:");
        if (kilobytes > 0)
        {
            return kilobytes * 1024;
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>Current resident set (VmRSS) in bytes.</summary>
    public static long RssBytes()
    {
        var kilobytes = StatusField("VmRSS:");
        if (kilobytes > 0)
        {
            return kilobytes * 1024;
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>The 1/5/15-minute load averages, because the machine is shared and absolute times depend on it.</summary>
    public static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]} {fields[1]} {fields[2]} ({Environment.ProcessorCount} cores)";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static string Mebibytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MiB");

    private static long StatusField(string name)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
            var number = line?[name.Length..].Trim().Split(' ')[0];
            return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
