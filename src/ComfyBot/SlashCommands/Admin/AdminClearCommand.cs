using System.Globalization;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin clear: cancels every waiting job; jobs already on a GPU server finish.</summary>
internal sealed class AdminClearCommand : AdminCommand
{
    protected override string Subcommand => "clear";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        var count = await invocation.Runtime.Jobs.ClearAsync(invocation.DisplayName, cancellationToken);
        await AuditAsync(invocation, null, string.Create(CultureInfo.InvariantCulture, $"{count} jobs"), cancellationToken);
        var onGpu = invocation.Runtime.Jobs.ListQueue().Count;
        await invocation.TellAsync(
            string.Create(CultureInfo.InvariantCulture, $"Cleared the queue: {count} waiting {(count == 1 ? "job was" : "jobs were")} cancelled. {onGpu} already on a GPU server {(onGpu == 1 ? "continues" : "continue")}; /comfy-admin interrupt stops those."),
            cancellationToken);
    }
}
