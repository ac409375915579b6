namespace ComfyBot.Core.Policies;

/// <summary>
/// Limits and priority for members with one Discord role (or, as <see cref="JobPolicyOptions.Everyone"/>, for
/// every member). A member with several roles gets the most generous value of each limit separately.
/// </summary>
public sealed class RoleRule
{
    /// <summary>The Discord role id. Unused for <see cref="JobPolicyOptions.Everyone"/>.</summary>
    public ulong RoleId { get; set; }

    /// <summary>The role's name as members see it, for messages ("role @Member"); without it the role is mentioned by id.</summary>
    public string? Name { get; set; }

    /// <summary>Most sampler steps per job. In a role: null leaves it to other roles. In Everyone: null means no limit.</summary>
    public int? MaxSteps { get; set; }

    /// <summary>Most pixels per image (width × height). Null as for <see cref="MaxSteps"/>.</summary>
    public long? MaxPixels { get; set; }

    /// <summary>Longest side (width or height) in pixels. Null as for <see cref="MaxSteps"/>.</summary>
    public int? MaxSide { get; set; }

    /// <summary>Most images per job. Null as for <see cref="MaxSteps"/>.</summary>
    public int? MaxBatch { get; set; }

    /// <summary>Most jobs per day (see <see cref="JobPolicyOptions.QuotaTimeZone"/>). Null as for <see cref="MaxSteps"/>.</summary>
    public int? MaxJobsPerDay { get; set; }

    /// <summary>Most GPU seconds per day, measured from ComfyUI's execution timestamps. Null as for <see cref="MaxSteps"/>.</summary>
    public int? MaxGpuSecondsPerDay { get; set; }

    /// <summary>Priority weight in the fair queue: 2 gets two turns per turn of a 1. In a role: null leaves it to other roles.</summary>
    public double? Weight { get; set; }
}
