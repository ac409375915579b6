using ComfyBot.Core.Running;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin cancel job: cancels anyone's job; its reply names the admin.</summary>
internal sealed class AdminCancelCommand(AdminAccess access, AuditLog audit, JobService jobs, JobAnswers answers) : AdminCommand(access, audit)
{
    protected override string Subcommand => "cancel";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        if (await ReadJobIdAsync(invocation, cancellationToken) is not { } id)
        {
            return;
        }

        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        var result = await jobs.CancelAsync(id, invocation.MemberId, invocation.DisplayName, isAdmin: true, cancellationToken);
        await AuditAsync(invocation, $"#{id}", result.ToString(), cancellationToken);
        await invocation.TellAsync(await answers.CancelledAsync(invocation, id, result, ownOnly: false, cancellationToken), cancellationToken);
    }
}
