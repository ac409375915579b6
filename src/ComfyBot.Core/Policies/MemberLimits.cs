namespace ComfyBot.Core.Policies;

/// <summary>A member's effective limits and weight: the most generous of their roles. A null limit means none.</summary>
public sealed record MemberLimits(Limit? Steps, Limit? Pixels, Limit? Side, Limit? Batch, double Weight, bool IsAdmin)
{
    /// <summary>Most jobs per day; null means none.</summary>
    public Limit? JobsPerDay { get; init; }

    /// <summary>Most GPU seconds per day; null means none.</summary>
    public Limit? GpuSecondsPerDay { get; init; }

    /// <summary>No limits at all, with the given weight: what an admin gets.</summary>
    public static MemberLimits Unlimited(double weight, bool isAdmin) => new(null, null, null, null, weight, isAdmin);
}
