using System.Globalization;
using ComfyBot.Core.Usage;

namespace ComfyBot.Core.Policies;

/// <summary>
/// Decides whether a member may queue a job and with which weight: bans, allowed channels, the per-member queue
/// cap and cooldown, and per-role limits where the most generous of a member's roles wins. Admins are exempt
/// from all of that except the channel rule. Stateless apart from its options: thread-safe.
/// </summary>
public sealed class JobPolicy
{
    private const string DefaultSource = "the default limit";

    private readonly JobPolicyOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<ulong, bool> _isBanned;
    private readonly HashSet<ulong> _allowedChannels;
    private readonly HashSet<ulong> _configBans;
    private readonly HashSet<ulong> _adminRoles;
    private readonly HashSet<ulong> _adminUsers;
    private readonly Dictionary<ulong, RoleRule> _roles;

    /// <summary>Creates the policy; the options are validated here.</summary>
    /// <param name="options">The policy's options (see <see cref="JobPolicyOptions.Validate"/>).</param>
    /// <param name="time">The clock, for the cooldown.</param>
    /// <param name="isBanned">The store's bans (in memory: called on every submission); null when only configured bans count.</param>
    public JobPolicy(JobPolicyOptions options, TimeProvider time, Func<ulong, bool>? isBanned = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _isBanned = isBanned ?? (_ => false);
        _allowedChannels = [.. options.AllowedChannelIds];
        _configBans = [.. options.BannedMemberIds];
        _adminRoles = [.. options.AdminRoleIds];
        _adminUsers = [.. options.AdminUserIds];
        _roles = options.Roles.ToDictionary(r => r.RoleId);
        Calendar = new QuotaCalendar(QuotaCalendar.FindZone(options.QuotaTimeZone) ?? TimeZoneInfo.Utc);
        HasQuotas = options.Roles.Append(options.Everyone).Any(r => r.MaxJobsPerDay is not null || r.MaxGpuSecondsPerDay is not null);
    }

    /// <summary>The days and weeks quotas and /usage count in.</summary>
    public QuotaCalendar Calendar { get; }

    /// <summary>Whether any rule sets a daily quota: only then does a submission need the member's usage.</summary>
    public bool HasQuotas { get; }

    /// <summary>Whether the member is an admin: their user id or one of their role ids is in the configured admin lists.</summary>
    /// <param name="userId">The user id from the interaction.</param>
    /// <param name="roleIds">The member's role ids from the interaction, which Discord fills in; never ids the member typed.</param>
    public bool IsAdmin(ulong userId, IReadOnlyCollection<ulong> roleIds)
    {
        ArgumentNullException.ThrowIfNull(roleIds);
        return _adminUsers.Contains(userId) || roleIds.Any(_adminRoles.Contains);
    }

    /// <summary>The member's effective limits and weight: each the most generous of Everyone and their roles.</summary>
    public MemberLimits Resolve(ulong userId, IReadOnlyCollection<ulong> roleIds)
    {
        ArgumentNullException.ThrowIfNull(roleIds);
        var rules = roleIds.Distinct().Where(_roles.ContainsKey).Select(id => _roles[id]).OrderBy(r => r.RoleId).ToList();
        var weight = rules.Select(r => r.Weight).Append(_options.Everyone.Weight).Max(w => w ?? 0);
        weight = weight > 0 ? weight : 1;
        if (IsAdmin(userId, roleIds))
        {
            return MemberLimits.Unlimited(weight, isAdmin: true);
        }

        return new MemberLimits(
            MostGenerous(_options.Everyone.MaxSteps, rules, r => r.MaxSteps),
            MostGenerous(_options.Everyone.MaxPixels, rules, r => r.MaxPixels),
            MostGenerous(_options.Everyone.MaxSide, rules, r => r.MaxSide),
            MostGenerous(_options.Everyone.MaxBatch, rules, r => r.MaxBatch),
            weight,
            IsAdmin: false)
        {
            JobsPerDay = MostGenerous(_options.Everyone.MaxJobsPerDay, rules, r => r.MaxJobsPerDay),
            GpuSecondsPerDay = MostGenerous(_options.Everyone.MaxGpuSecondsPerDay, rules, r => r.MaxGpuSecondsPerDay),
        };
    }

    /// <summary>Checks a request against every rule; the refusal's message is ready to show the member.</summary>
    public PolicyDecision Evaluate(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = Resolve(request.MemberId, request.RoleIds);
        var refusal = Gate(request, limits.IsAdmin) ?? Quota(request, limits) ?? RequestRange.Check(request, limits);
        return new PolicyDecision(limits, refusal);
    }

    private PolicyRefusal? Gate(JobRequest request, bool isAdmin)
    {
        if (!isAdmin && (_configBans.Contains(request.MemberId) || _isBanned(request.MemberId)))
        {
            return new PolicyRefusal(RefusalReason.Banned, "you are banned from using ComfyBot; ask a server admin if you think this is a mistake");
        }

        if (_allowedChannels.Count > 0 && !_allowedChannels.Contains(request.ChannelId))
        {
            var channels = _options.AllowedChannelIds.Distinct().Select(id => $"<#{id}>").ToList();
            var list = channels.Count == 1 ? channels[0] : string.Join(", ", channels[..^1]) + " or " + channels[^1];
            return new PolicyRefusal(RefusalReason.ChannelNotAllowed, $"ComfyBot is not enabled in this channel; use {list}");
        }

        if (isAdmin)
        {
            return null;
        }

        if (request.QueuedJobs >= _options.MaxQueuedPerMember)
        {
            var message = request.QueuedJobs == 1
                ? "you already have 1 job queued; wait for it to finish or /cancel it"
                : $"you already have {request.QueuedJobs} jobs queued; wait for one to finish or /cancel one";
            return new PolicyRefusal(RefusalReason.TooManyQueued, message);
        }

        if (_options.Cooldown > TimeSpan.Zero && request.LastSubmittedAt is { } last)
        {
            var wait = last + _options.Cooldown - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                return new PolicyRefusal(RefusalReason.Cooldown, $"you can submit again in {Format(wait)} (one job every {Format(_options.Cooldown)})");
            }
        }

        return null;
    }

    /// <summary>
    /// The daily quotas, once the day's usage is used up: a job that starts under the limit runs to its end, and its
    /// time beyond the limit still counts. Admins have no quotas (their limits carry none).
    /// </summary>
    private PolicyRefusal? Quota(JobRequest request, MemberLimits limits)
    {
        if (request.UsedToday is not { } used)
        {
            return null;
        }

        if (limits.JobsPerDay is { } jobs && used.Jobs >= jobs.Value)
        {
            var noun = jobs.Value == 1 ? "job" : "jobs";
            return new PolicyRefusal(
                RefusalReason.QuotaExceeded,
                string.Create(CultureInfo.InvariantCulture, $"you have used your {jobs.Value} {noun} for today ({used.Jobs} of {jobs.Value}, limit from {jobs.Source}); the quota resets {ResetText()}"));
        }

        if (limits.GpuSecondsPerDay is { } gpu && used.GpuTime.TotalSeconds >= gpu.Value)
        {
            return new PolicyRefusal(
                RefusalReason.QuotaExceeded,
                $"you have used your GPU time for today ({FormatGpu(used.GpuTime)} of {FormatGpu(TimeSpan.FromSeconds(gpu.Value))}, limit from {gpu.Source}); the quota resets {ResetText()}");
        }

        return null;
    }

    /// <summary>When today's quotas reset, as Discord timestamps: relative, then the member's own local date and time.</summary>
    public string ResetText()
    {
        var reset = Calendar.Day(_time.GetUtcNow()).End.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"<t:{reset}:R> (<t:{reset}:f>)");
    }

    /// <summary>GPU time for members: whole seconds, rounded down (a quota is never shown as used before it is).</summary>
    public static string FormatGpu(TimeSpan span)
    {
        var seconds = (long)Math.Floor(Math.Max(0, span.TotalSeconds));
        return seconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds}s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m {seconds % 60:00}s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h {seconds / 60 % 60:00}m {seconds % 60:00}s"),
        };
    }

    private static Limit? MostGenerous(long? everyone, List<RoleRule> rules, Func<RoleRule, long?> value)
    {
        if (everyone is null)
        {
            return null;
        }

        var best = new Limit(everyone.Value, DefaultSource);
        foreach (var rule in rules)
        {
            if (value(rule) is { } v && v > best.Value)
            {
                best = new Limit(v, RoleName(rule));
            }
        }

        return best;
    }

    private static string RoleName(RoleRule rule) =>
        string.IsNullOrWhiteSpace(rule.Name) ? $"role <@&{rule.RoleId}>" : $"role @{rule.Name.TrimStart('@')}";

    // Rounded up: "in 0s" would invite a retry that is still refused.
    internal static string Format(TimeSpan span)
    {
        var seconds = (long)Math.Ceiling(span.TotalSeconds);
        return seconds switch
        {
            < 60 => $"{seconds}s",
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m {seconds % 60:00}s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h {seconds / 60 % 60:00}m"),
        };
    }
}
