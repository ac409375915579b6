using ComfyBot.Core.Running;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin queue: the first page of every running and waiting job, ephemerally, with paging buttons.</summary>
internal sealed class AdminQueueCommand(AdminAccess access, AuditLog audit, JobService jobs) : AdminCommand(access, audit)
{
    protected override string Subcommand => "queue";

    protected override Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        return invocation.AnswerAsync(AdminQueuePage.Render(jobs.ListQueue(), 1, jobs.IsPaused), ephemeral: true, cancellationToken);
    }
}
