using System.Globalization;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin clear: cancels every waiting job; jobs already on a GPU server finish.</summary>
internal sealed class AdminClearCommand(AdminAccess access, AuditLog audit, JobService jobs) : AdminCommand(access, audit)
{
    protected override string Subcommand => "clear";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        var count = await jobs.ClearAsync(invocation.DisplayName, cancellationToken);
        await AuditAsync(invocation, null, string.Create(CultureInfo.InvariantCulture, $"{count} jobs"), cancellationToken);
        var onGpu = jobs.ListQueue().Count;
        await invocation.TellAsync(
            string.Create(CultureInfo.InvariantCulture, $"Cleared the queue: {count} waiting {(count == 1 ? "job was" : "jobs were")} cancelled. {onGpu} already on a GPU server {(onGpu == 1 ? "continues" : "continue")}; /comfy-admin interrupt stops those."),
            cancellationToken);
    }
}
