using System.Globalization;
using ComfyBot.Core.Store;
using ComfyBot.Core.Policies;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin unban member: lifts a ban.</summary>
internal sealed class AdminUnbanCommand(AdminAccess access, AuditLog audit, BanList bans) : AdminCommand(access, audit)
{
    protected override string Subcommand => "unban";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        if (MemberOption.Read(invocation) is not { } member)
        {
            await invocation.TellAsync("Pick who to unban in the member option.", cancellationToken);
            return;
        }

        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        var removed = await bans.UnbanAsync(member.Id, cancellationToken);
        await AuditAsync(invocation, member.Id.ToString(CultureInfo.InvariantCulture), removed ? "lifted" : "was not banned", cancellationToken);
        await invocation.TellAsync(
            removed ? $"Unbanned {member.Mention}: they can queue jobs again." : $"{member.Mention} was not banned; nothing changed.",
            cancellationToken);
    }
}
