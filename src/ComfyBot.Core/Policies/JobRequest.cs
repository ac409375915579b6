namespace ComfyBot.Core.Policies;

/// <summary>
/// A member's /imagine as the policy sees it. Pass the effective values (after the workflow's defaults), so a
/// default of 60 steps is checked like a typed one; null skips that check.
/// </summary>
/// <param name="MemberId">The Discord user id, taken from the interaction (never from anything the client typed).</param>
/// <param name="RoleIds">The member's role ids in the guild, from the interaction.</param>
/// <param name="ChannelId">Where the command was used.</param>
public sealed record JobRequest(ulong MemberId, IReadOnlyCollection<ulong> RoleIds, ulong ChannelId)
{
    /// <summary>Sampler steps.</summary>
    public int? Steps { get; init; }

    /// <summary>Image width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Image height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Images per job.</summary>
    public int? Batch { get; init; }

    /// <summary>How many of the member's jobs are waiting or running now (from the store).</summary>
    public int QueuedJobs { get; init; }

    /// <summary>When the member last submitted a job (from the store); null when never.</summary>
    public DateTimeOffset? LastSubmittedAt { get; init; }

    /// <summary>What the member used today (from the store, see <see cref="JobPolicy.Calendar"/>); null skips the daily quotas.</summary>
    public Usage.MemberUsage? UsedToday { get; init; }
}
