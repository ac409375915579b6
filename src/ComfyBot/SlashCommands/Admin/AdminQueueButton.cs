using System.Globalization;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// Previous / Refresh / Next on the admin queue listing (<c>admin-queue:&lt;page&gt;</c>): checked on the server like
/// every admin action, then the listing is redrawn in place from the current queue.
/// </summary>
internal sealed class AdminQueueButton : IButtonAction
{
    public string Prefix => AdminQueuePage.Prefix;

    public async Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!await AdminAccess.CheckAsync(invocation, "the admin queue's buttons", cancellationToken))
        {
            return;
        }

        if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var page))
        {
            await invocation.TellAsync("This button carries no page number; run /comfy-admin queue again.", cancellationToken);
            return;
        }

        var jobs = invocation.Runtime.Jobs;
        await invocation.DeferUpdateAsync(cancellationToken);
        var body = AdminQueuePage.Render(jobs.ListQueue(), page, jobs.IsPaused);
        await invocation.Rest.EditOriginalResponseAsync(invocation.Interaction.ApplicationId, invocation.Interaction.Token, body, cancellationToken);
    }
}
