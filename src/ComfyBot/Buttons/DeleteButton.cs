using System.Globalization;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Store;
using ComfyBot.Discord;
using ComfyBot.Discord.Rest;
using ComfyBot.Replies;
using ComfyBot.SlashCommands;
using ComfyBot.SlashCommands.Admin;

namespace ComfyBot.Buttons;

/// <summary>
/// Delete (<c>delete:&lt;job&gt;</c>): removes a result's message, and the followups carrying its further images. Only
/// the job's owner or an admin may (anyone else is told whose it is, ephemerally); an admin removing another member's
/// result is written to the audit log and the log. The job's record stays (for /queue, Details and the audit trail).
/// </summary>
internal sealed class DeleteButton(OwnedJob owned, AuditLog audit) : IButtonAction
{
    public string Prefix => "delete";

    public async Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (await owned.LoadAsync(invocation, argument, cancellationToken) is not { } job)
        {
            return;
        }

        var interaction = invocation.Interaction;
        if (interaction.MessageId is not { } message || interaction.ChannelId is not { } channel)
        {
            await invocation.TellAsync($"Discord did not say which message this button is on, so the result of job {job.DisplayId} was not deleted; delete it by hand.", cancellationToken);
            return;
        }

        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        List<Snowflake> messages = [message];
        if (job.ChatTarget is { } json && TryRead(json) is { } target)
        {
            // The further images travel in followups of the same reply: they go with it.
            messages.AddRange(target.FollowupIds.Select(id => new Snowflake(id)).Where(id => id != message));
        }

        var failed = new List<string>();
        foreach (var id in messages)
        {
            try
            {
                await invocation.Rest.DeleteMessageAsync(channel, id, cancellationToken);
            }
            catch (DiscordRestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Already gone: what the member wanted.
            }
            catch (DiscordRestException e)
            {
                failed.Add(string.Create(CultureInfo.InvariantCulture, $"message {id.Value} ({(int)e.StatusCode} {e.Message})"));
            }
        }

        var byAdmin = job.Owner.MemberId != invocation.MemberId;
        if (byAdmin)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"deleted the result of {job.Owner.DisplayName} ({job.Owner.MemberId}){(failed.Count > 0 ? "; not deleted: " + string.Join(", ", failed) : string.Empty)}");
            await audit.AddAuditAsync(invocation.MemberId, "delete", job.DisplayId, detail, cancellationToken: cancellationToken);
            AdminLog.Acted(invocation.Log, invocation.MemberId, invocation.DisplayName, "delete (button)", job.DisplayId, detail);
        }

        if (failed.Count > 0)
        {
            await invocation.TellAsync($"Could not delete every message of job {job.DisplayId}'s result: {string.Join("; ", failed)}. The bot may lack Manage Messages or the message may be in a thread it cannot see; delete it by hand.", cancellationToken);
            return;
        }

        var whose = byAdmin ? $" (by {MemberText.Escape(job.Owner.DisplayName)}; written to the audit log)" : string.Empty;
        await invocation.TellAsync($"🗑️ Deleted the result of job {job.DisplayId}{whose}.", cancellationToken);
    }

    private static ChatTarget? TryRead(string json)
    {
        try
        {
            return ChatTarget.FromJson(json);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
