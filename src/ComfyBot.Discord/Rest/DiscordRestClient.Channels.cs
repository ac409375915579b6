using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Rest.RateLimits;

namespace ComfyBot.Discord.Rest;

/// <summary>Channel messages with the bot token: the fallback once an interaction token has expired.</summary>
public sealed partial class DiscordRestClient
{
    private const string ChannelMessagesTemplate = "/channels/{channel_id}/messages";
    private const string ChannelMessageTemplate = "/channels/{channel_id}/messages/{message_id}";

    /// <summary>POST /channels/{channel_id}/messages. Needs VIEW_CHANNEL and SEND_MESSAGES (ATTACH_FILES, EMBED_LINKS as used).</summary>
    public Task<DiscordMessage> CreateMessageAsync(Snowflake channelId, MessageBody body, CancellationToken cancellationToken)
    {
        MessageBodyValidator.Validate(body, requireSomething: true);
        if (body.Flags is { } flags && flags.HasFlag(MessageFlags.Ephemeral))
        {
            throw new DiscordValidationException("The message body", ["flags: Ephemeral only works for interaction responses and followups, not channel messages."]);
        }

        var route = new Route(HttpMethod.Post, ChannelMessagesTemplate, MajorParameter.Channel(channelId));
        return SendAsync(new RestRequest(route, $"channels/{channelId}/messages", MessageContent(body), UsesBotToken: true), DiscordJsonContext.Default.DiscordMessage, cancellationToken);
    }

    /// <summary>PATCH /channels/{channel_id}/messages/{message_id}: edit a message the bot sent.</summary>
    public Task<DiscordMessage> EditMessageAsync(Snowflake channelId, Snowflake messageId, MessageBody body, CancellationToken cancellationToken)
    {
        MessageBodyValidator.Validate(body, requireSomething: false);
        var route = new Route(HttpMethod.Patch, ChannelMessageTemplate, MajorParameter.Channel(channelId));
        return SendAsync(new RestRequest(route, $"channels/{channelId}/messages/{messageId}", MessageContent(body), UsesBotToken: true), DiscordJsonContext.Default.DiscordMessage, cancellationToken);
    }

    /// <summary>DELETE /channels/{channel_id}/messages/{message_id}.</summary>
    public Task DeleteMessageAsync(Snowflake channelId, Snowflake messageId, CancellationToken cancellationToken)
    {
        var route = new Route(HttpMethod.Delete, ChannelMessageTemplate, MajorParameter.Channel(channelId));
        return SendAsync(new RestRequest(route, $"channels/{channelId}/messages/{messageId}", null, UsesBotToken: true), cancellationToken);
    }
}
