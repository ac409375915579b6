using ComfyBot.Core.Running;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>
/// Previous / Refresh / Next on the admin queue listing (<c>admin-queue:&lt;page&gt;</c>): checked on the server like
/// every admin action, then the listing is redrawn in place from the current queue.
/// </summary>
internal sealed class AdminQueueButton(AdminAccess access, JobService jobs) : IButtonAction
{
    public string Prefix => AdminQueuePage.Prefix;

    public async Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!await access.CheckAsync(invocation, "the admin queue's buttons", cancellationToken))
        {
            return;
        }

        if (!AdminPager.TryParse(argument, out var page))
        {
            await invocation.TellAsync("This button carries no page number; run /comfy-admin queue again.", cancellationToken);
            return;
        }

        await invocation.DeferUpdateAsync(cancellationToken);
        var body = AdminQueuePage.Render(jobs.ListQueue(), page, jobs.IsPaused);
        await invocation.Rest.EditOriginalResponseAsync(invocation.Interaction.ApplicationId, invocation.Interaction.Token, body, cancellationToken);
    }
}
