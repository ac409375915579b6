using System.Globalization;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin resume: jobs start again after a pause.</summary>
internal sealed class AdminResumeCommand(AdminAccess access, AuditLog audit, JobService jobs) : AdminCommand(access, audit)
{
    protected override string Subcommand => "resume";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        // The audit record is a store write: acknowledge within Discord's 3 seconds first.
        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        var wasPaused = jobs.IsPaused;
        var waiting = jobs.ListQueue().Count(e => e.Position is not null);
        jobs.Resume();
        await AuditAsync(invocation, null, wasPaused ? string.Create(CultureInfo.InvariantCulture, $"{waiting} waiting") : "was not paused", cancellationToken);
        var state = wasPaused ? "Resumed" : "The queue was not paused";
        await invocation.TellAsync(
            string.Create(CultureInfo.InvariantCulture, $"{state}: {waiting} waiting {(waiting == 1 ? "job starts" : "jobs start")} as GPUs free up."),
            cancellationToken);
    }
}
