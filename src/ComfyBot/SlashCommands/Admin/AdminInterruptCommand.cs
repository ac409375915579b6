using System.Globalization;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// /comfy-admin interrupt [backend]: stops what the bot runs on one GPU server, or on all of them; each job ends
/// Interrupted and its reply names the admin. Waiting jobs and other clients' prompts go on.
/// </summary>
internal sealed class AdminInterruptCommand(AdminAccess access, AuditLog audit, BackendMonitor monitor, JobService jobs) : AdminCommand(access, audit)
{
    protected override string Subcommand => "interrupt";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var typed = invocation.Interaction.Command!.GetString("backend")?.Trim();
        string? backend = null;
        if (!string.IsNullOrEmpty(typed))
        {
            if (monitor.Find(typed) is not { } found)
            {
                await invocation.TellAsync($"There is no backend named '{typed}'; pick one of: {string.Join(", ", monitor.Backends.Select(b => b.Name))}, or leave backend out for all of them.", cancellationToken);
                return;
            }

            backend = found.Name;
        }

        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        var count = await jobs.InterruptAsync(backend, invocation.DisplayName, cancellationToken);
        await AuditAsync(invocation, backend ?? "all", string.Create(CultureInfo.InvariantCulture, $"{count} jobs"), cancellationToken);
        var where = backend ?? "any GPU server";
        await invocation.TellAsync(
            count == 0
                ? $"Nothing of the bot's was running on {where}; nothing was interrupted."
                : string.Create(CultureInfo.InvariantCulture, $"Interrupted {count} running {(count == 1 ? "job" : "jobs")} on {where}; each reply names you. Waiting jobs go on."),
            cancellationToken);
    }
}
