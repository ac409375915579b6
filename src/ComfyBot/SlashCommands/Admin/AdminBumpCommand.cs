using ComfyBot.Core.Running;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin bump job: moves a waiting job to the front of the queue.</summary>
internal sealed class AdminBumpCommand(AdminAccess access, AuditLog audit, JobService jobs, JobAnswers answers) : AdminCommand(access, audit)
{
    protected override string Subcommand => "bump";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        if (await ReadJobIdAsync(invocation, cancellationToken) is not { } id)
        {
            return;
        }

        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        if (await jobs.BumpAsync(id, cancellationToken))
        {
            await AuditAsync(invocation, $"#{id}", "moved to the front", cancellationToken);
            await invocation.TellAsync(
                jobs.IsPaused
                    ? $"Job #{id} is now first in line, but the queue is paused: it starts once an admin resumes it (/comfy-admin resume)."
                    : $"Job #{id} is now first in line; it starts on the next free GPU.",
                cancellationToken);
            return;
        }

        var entry = jobs.ListQueue().FirstOrDefault(e => e.Job.Id == id);
        await invocation.TellAsync(
            entry is not null
                ? $"Job #{id} is already on {entry.Job.Backend ?? "a GPU server"}; only waiting jobs can be bumped."
                : await answers.NotUnfinishedAsync(invocation, id, "bump", ownOnly: false, cancellationToken),
            cancellationToken);
    }
}
