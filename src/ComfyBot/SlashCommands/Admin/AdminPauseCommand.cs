using System.Globalization;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin pause: no job starts until resume; waiting jobs (and new ones) are kept, running ones finish.</summary>
internal sealed class AdminPauseCommand(AdminAccess access, AuditLog audit, JobService jobs) : AdminCommand(access, audit)
{
    protected override string Subcommand => "pause";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        // The audit record is a store write: acknowledge within Discord's 3 seconds first.
        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        var wasPaused = jobs.IsPaused;
        jobs.Pause();
        var waiting = jobs.ListQueue().Count(e => e.Position is not null);
        await AuditAsync(invocation, null, wasPaused ? "already paused" : string.Create(CultureInfo.InvariantCulture, $"{waiting} waiting"), cancellationToken);
        var state = wasPaused ? "The queue was already paused" : "Paused: no new job starts";
        await invocation.TellAsync(
            string.Create(CultureInfo.InvariantCulture, $"{state}. {waiting} waiting {(waiting == 1 ? "job is" : "jobs are")} kept, new ones still queue, and jobs on a GPU finish. /comfy-admin resume starts them again."),
            cancellationToken);
    }
}
