using System.Globalization;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin ban member [reason]: the member can no longer queue jobs; their unfinished jobs are kept.</summary>
internal sealed class AdminBanCommand(AdminAccess access, AuditLog audit, BanList bans, JobService jobs, JobPolicy policy) : AdminCommand(access, audit)
{
    /// <summary>Longest reason kept, so one answer always fits.</summary>
    private const int MaxReason = 300;

    protected override string Subcommand => "ban";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        if (MemberOption.Read(invocation) is not { } member)
        {
            await invocation.TellAsync("Pick who to ban in the member option.", cancellationToken);
            return;
        }

        if (member.Id == invocation.MemberId)
        {
            await invocation.TellAsync("You cannot ban yourself.", cancellationToken);
            return;
        }

        if (bans.All.FirstOrDefault(b => b.MemberId == member.Id) is { } existing)
        {
            await invocation.TellAsync(
                string.Create(CultureInfo.InvariantCulture, $"{member.Mention} is already banned (since {existing.BannedAt:yyyy-MM-dd HH:mm} UTC by <@{existing.BannedBy}>{(existing.Reason is null ? string.Empty : ": " + MemberText.Escape(existing.Reason))}). /comfy-admin unban lifts it."),
                cancellationToken);
            return;
        }

        var reason = invocation.Interaction.Command!.GetString("reason")?.Trim() is { Length: > 0 } given
            ? MemberText.Cut(given, MaxReason)
            : null;
        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        await bans.BanAsync(member.Id, invocation.MemberId, reason, cancellationToken);
        await AuditAsync(invocation, member.Id.ToString(CultureInfo.InvariantCulture), reason, cancellationToken);
        var unfinished = jobs.ListQueue(member.Id).Count;
        var admin = policy.IsAdmin(member.Id, member.RoleIds) ? " They are a ComfyBot admin, and bans do not apply to admins: remove them from ComfyBot:Policy:AdminUserIds (or take the admin role) for it to take effect." : string.Empty;
        var kept = unfinished == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" Their {unfinished} unfinished {(unfinished == 1 ? "job is" : "jobs are")} kept; /comfy-admin cancel-user removes them.");
        await invocation.TellAsync($"Banned {member.Mention}: they can no longer queue jobs{(reason is null ? "" : $" (reason: {MemberText.Escape(reason)})")}.{kept}{admin}", cancellationToken);
    }
}
