namespace ComfyBot.Hosting;

/// <summary>The process's managed memory as <see cref="IdleMemoryTrim"/> sees it; a seam so its rule can be tested without collecting.</summary>
internal interface IManagedMemory
{
    /// <summary>Bytes allocated by the process since it started (all threads).</summary>
    long AllocatedBytes { get; }

    /// <summary>Resident size and the GC's committed memory, for the log line.</summary>
    ManagedMemoryReading Read();

    /// <summary>A full, compacting collection that decommits the GC's free regions.</summary>
    void ReturnFreeMemory();
}

internal readonly record struct ManagedMemoryReading(long Resident, long Committed);

/// <summary>The real process.</summary>
internal sealed class GcManagedMemory : IManagedMemory
{
    public long AllocatedBytes => GC.GetTotalAllocatedBytes(precise: false);

    public ManagedMemoryReading Read() => new(Environment.WorkingSet, GC.GetGCMemoryInfo().TotalCommittedBytes);

    // Aggressive is the mode that decommits what it frees; a plain full collection keeps the regions for reuse.
    public void ReturnFreeMemory() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
