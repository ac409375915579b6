using System.Globalization;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin cancel-user member: cancels every unfinished job of one member.</summary>
internal sealed class AdminCancelUserCommand(AdminAccess access, AuditLog audit, JobService jobs) : AdminCommand(access, audit)
{
    protected override string Subcommand => "cancel-user";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        if (MemberOption.Read(invocation) is not { } member)
        {
            await invocation.TellAsync("Pick the member whose jobs to cancel in the member option.", cancellationToken);
            return;
        }

        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        var count = await jobs.CancelMemberAsync(member.Id, invocation.DisplayName, cancellationToken);
        await AuditAsync(invocation, member.Id.ToString(CultureInfo.InvariantCulture), $"{count} jobs", cancellationToken);
        await invocation.TellAsync(
            count == 0
                ? $"{member.Mention} has no jobs waiting or running; nothing was cancelled."
                : $"Cancelled {Jobs(count)} of {member.Mention}; each reply names you.",
            cancellationToken);
    }

    private static string Jobs(int count) => count == 1 ? "1 job" : string.Create(CultureInfo.InvariantCulture, $"{count} jobs");
}
