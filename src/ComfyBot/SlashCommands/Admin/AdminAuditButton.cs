using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// Previous / Refresh / Next on the audit trail (<c>admin-audit:&lt;page&gt;</c>): checked on the server like every
/// admin action, then the page is redrawn in place from the store.
/// </summary>
internal sealed class AdminAuditButton(AdminAccess access, AuditLog audit) : IButtonAction
{
    public string Prefix => AdminAuditPage.Prefix;

    public async Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!await access.CheckAsync(invocation, "the audit trail's buttons", cancellationToken))
        {
            return;
        }

        if (!AdminPager.TryParse(argument, out var page))
        {
            await invocation.TellAsync("This button carries no page number; run /comfy-admin audit again.", cancellationToken);
            return;
        }

        await invocation.DeferUpdateAsync(cancellationToken);
        var body = await AdminAuditPage.RenderAsync(audit, page, cancellationToken);
        await invocation.Rest.EditOriginalResponseAsync(invocation.Interaction.ApplicationId, invocation.Interaction.Token, body, cancellationToken);
    }
}
