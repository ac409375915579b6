namespace ComfyBot.Core.Policies;

/// <summary>The outcome of <see cref="JobPolicy.Evaluate"/>: the member's resolved limits and, when refused, why.</summary>
public sealed record PolicyDecision(MemberLimits Limits, PolicyRefusal? Refusal)
{
    /// <summary>Whether the job may be queued.</summary>
    public bool IsAllowed => Refusal is null;

    /// <summary>The weight to queue the job with (see <c>QueuedJob.Weight</c>).</summary>
    public double Weight => Limits.Weight;
}
