namespace ComfyBot.Hosting;

/// <summary>The process's managed memory as <see cref="IdleMemoryTrim"/> sees it; a seam so its rule can be tested without collecting.</summary>
internal interface IManagedMemory
{
    /// <summary>Bytes allocated by the process since it started (all threads).</summary>
    long AllocatedBytes { get; }

    /// <summary>Resident size, the GC's committed memory and the live managed heap at the last collection, for the log line.</summary>
    ManagedMemoryReading Read();

    /// <summary>A full, compacting collection that decommits the GC's free regions.</summary>
    void ReturnFreeMemory();
}

/// <param name="Resident">The process's resident set.</param>
/// <param name="Committed">What the GC holds from the system.</param>
/// <param name="LiveHeap">
/// The managed objects the last collection kept (its heap size less the free space between them): right after
/// <see cref="IManagedMemory.ReturnFreeMemory"/>, what the bot really holds, such as its queued jobs.
/// </param>
internal readonly record struct ManagedMemoryReading(long Resident, long Committed, long LiveHeap);

/// <summary>The real process.</summary>
internal sealed class GcManagedMemory : IManagedMemory
{
    public long AllocatedBytes => GC.GetTotalAllocatedBytes(precise: false);

    public ManagedMemoryReading Read()
    {
        var info = GC.GetGCMemoryInfo();
        return new(Environment.WorkingSet, info.TotalCommittedBytes, info.HeapSizeBytes - info.FragmentedBytes);
    }

    // Aggressive is the mode that decommits what it frees; a plain full collection keeps the regions for reuse.
    public void ReturnFreeMemory() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
