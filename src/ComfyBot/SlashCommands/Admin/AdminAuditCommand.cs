using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin audit: the first page of the audit trail, ephemerally, with paging buttons.</summary>
internal sealed class AdminAuditCommand(AdminAccess access, AuditLog audit) : AdminCommand(access, audit)
{
    protected override string Subcommand => "audit";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        await invocation.AnswerAsync(await AdminAuditPage.RenderAsync(Audit, 1, cancellationToken), ephemeral: true, cancellationToken);
    }
}
