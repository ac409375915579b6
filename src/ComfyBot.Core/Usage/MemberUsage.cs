namespace ComfyBot.Core.Usage;

/// <summary>
/// What one member used in a period: jobs queued (a job cancelled or failed before ComfyUI began it is not counted)
/// and GPU time (every run, including runs of jobs that were cancelled, interrupted, lost or re-queued).
/// </summary>
public sealed record MemberUsage(int Jobs, TimeSpan GpuTime)
{
    /// <summary>Nothing used.</summary>
    public static MemberUsage None { get; } = new(0, TimeSpan.Zero);
}
