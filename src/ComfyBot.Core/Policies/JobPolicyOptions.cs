namespace ComfyBot.Core.Policies;

/// <summary>Who may submit what, where and how often; bound from configuration section <see cref="Section"/>.</summary>
public sealed class JobPolicyOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "ComfyBot:Policy";

    /// <summary>Channels where /imagine is enabled. <value>Empty: every channel.</value></summary>
    public List<ulong> AllowedChannelIds { get; set; } = [];

    /// <summary>Members banned by configuration, in addition to the bans the store keeps.</summary>
    public List<ulong> BannedMemberIds { get; set; } = [];

    /// <summary>How many jobs one member may have waiting or running at once. <value>3</value></summary>
    public int MaxQueuedPerMember { get; set; } = 3;

    /// <summary>Least time between one member's submissions. <value>Zero: no cooldown.</value></summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.Zero;

    /// <summary>The limits and weight every member has. <value>50 steps, 1,048,576 pixels, 1536 px a side, batch 4, weight 1.</value></summary>
    public RoleRule Everyone { get; set; } = new() { MaxSteps = 50, MaxPixels = 1024 * 1024, MaxSide = 1536, MaxBatch = 4, Weight = 1 };

    /// <summary>Per-role limits and weights that raise <see cref="Everyone"/>'s for members holding the role.</summary>
    public List<RoleRule> Roles { get; set; } = [];

    /// <summary>Roles whose members are admins: admin commands, and exempt from bans, the queue cap, the cooldown and limits.</summary>
    public List<ulong> AdminRoleIds { get; set; } = [];

    /// <summary>Users who are admins whatever their roles.</summary>
    public List<ulong> AdminUserIds { get; set; } = [];

    /// <summary>
    /// The time zone whose midnight resets the daily quotas (<see cref="RoleRule.MaxJobsPerDay"/>,
    /// <see cref="RoleRule.MaxGpuSecondsPerDay"/>) and starts /usage's day; an IANA id such as Europe/Berlin. <value>UTC</value>
    /// </summary>
    public string QuotaTimeZone { get; set; } = "UTC";

    /// <summary>Every problem with these options, each naming the key and the fix; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxQueuedPerMember < 1)
        {
            errors.Add($"{Section}:MaxQueuedPerMember is {MaxQueuedPerMember}; use 1 or more (default 3).");
        }

        if (Cooldown < TimeSpan.Zero)
        {
            errors.Add($"{Section}:Cooldown is {Cooldown}; use 00:00:00 (none) or a positive time such as 00:00:30.");
        }

        if (Usage.QuotaCalendar.FindZone(QuotaTimeZone) is null)
        {
            errors.Add($"{Section}:QuotaTimeZone is '{QuotaTimeZone}', which is not a time zone this machine knows; use an IANA id such as UTC or Europe/Berlin (the image needs tzdata for any zone but UTC).");
        }

        if (Everyone is null)
        {
            errors.Add($"{Section}:Everyone is missing; remove the key to use the defaults or give its limits.");
        }
        else
        {
            ValidateRule(Everyone, $"{Section}:Everyone", errors);
        }

        var seen = new HashSet<ulong>();
        for (var i = 0; i < (Roles?.Count ?? 0); i++)
        {
            var key = $"{Section}:Roles:{i}";
            var rule = Roles![i];
            if (rule is null || rule.RoleId == 0)
            {
                errors.Add($"{key}:RoleId is missing; set it to the Discord role's id (right-click the role, Copy Role ID).");
                continue;
            }

            if (!seen.Add(rule.RoleId))
            {
                errors.Add($"{key}:RoleId {rule.RoleId} appears in more than one rule; merge them into one.");
            }

            ValidateRule(rule, key, errors);
        }

        return errors;
    }

    private static void ValidateRule(RoleRule rule, string key, List<string> errors)
    {
        AtLeastOne(rule.MaxSteps, $"{key}:MaxSteps", errors);
        AtLeastOne(rule.MaxPixels, $"{key}:MaxPixels", errors);
        AtLeastOne(rule.MaxSide, $"{key}:MaxSide", errors);
        AtLeastOne(rule.MaxBatch, $"{key}:MaxBatch", errors);
        AtLeastOne(rule.MaxJobsPerDay, $"{key}:MaxJobsPerDay", errors);
        AtLeastOne(rule.MaxGpuSecondsPerDay, $"{key}:MaxGpuSecondsPerDay", errors);
        if (rule.Weight is { } weight && (!double.IsFinite(weight) || weight <= 0))
        {
            errors.Add($"{key}:Weight is {weight}; use a number above 0 such as 1 or 2.");
        }
    }

    private static void AtLeastOne(long? value, string key, List<string> errors)
    {
        if (value is < 1)
        {
            errors.Add($"{key} is {value}; use 1 or more, or remove the key for no limit.");
        }
    }
}
