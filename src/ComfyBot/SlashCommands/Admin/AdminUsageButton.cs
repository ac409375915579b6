using System.Globalization;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// Previous / Refresh / Next on /comfy-admin usage (<c>admin-usage:&lt;period&gt;:&lt;page&gt;</c>): checked on the
/// server like every admin action, then the page is redrawn in place from the store.
/// </summary>
internal sealed class AdminUsageButton(AdminAccess access, AdminUsageReports reports) : IButtonAction
{
    public string Prefix => AdminUsagePage.Prefix;

    public async Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!await access.CheckAsync(invocation, "the usage listing's buttons", cancellationToken))
        {
            return;
        }

        var parts = (argument ?? string.Empty).Split(':');
        if (parts.Length != 2 || parts[0] is not (AdminUsagePage.Today or AdminUsagePage.Week)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var page))
        {
            await invocation.TellAsync("This button carries no period and page; run /comfy-admin usage again.", cancellationToken);
            return;
        }

        await invocation.DeferUpdateAsync(cancellationToken);
        var body = await reports.RenderAsync(parts[0], page, invocation.Time.GetUtcNow(), cancellationToken);
        await invocation.Rest.EditOriginalResponseAsync(invocation.Interaction.ApplicationId, invocation.Interaction.Token, body, cancellationToken);
    }
}
