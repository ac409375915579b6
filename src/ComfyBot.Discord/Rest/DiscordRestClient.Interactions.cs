using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Responses;
using ComfyBot.Discord.Rest.RateLimits;

namespace ComfyBot.Discord.Rest;

/// <summary>Interaction callbacks, @original and followups: addressed by the interaction token, without the bot token.</summary>
public sealed partial class DiscordRestClient
{
    private const string CallbackTemplate = "/interactions/{interaction_id}/{token}/callback";
    private const string OriginalTemplate = "/webhooks/{application_id}/{token}/messages/@original";
    private const string FollowupTemplate = "/webhooks/{application_id}/{token}";
    private const string FollowupMessageTemplate = "/webhooks/{application_id}/{token}/messages/{message_id}";

    /// <summary>
    /// POST /interactions/{id}/{token}/callback: the first answer, due within 3 seconds. With
    /// <paramref name="withResponse"/> Discord returns the response message's id (also for a deferral); otherwise
    /// the result is null.
    /// </summary>
    /// <exception cref="DiscordValidationException">The callback breaks a Discord limit; nothing was sent.</exception>
    /// <exception cref="DiscordRestException">Refused; <see cref="DiscordRestException.IsExpiredInteractionToken"/> when too late.</exception>
    public async Task<InteractionCallbackResult?> CreateInteractionResponseAsync(
        Snowflake interactionId, string interactionToken, InteractionCallback callback, bool withResponse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentException.ThrowIfNullOrEmpty(interactionToken);
        callback.Validate();
        var route = new Route(HttpMethod.Post, CallbackTemplate, MajorParameter.Webhook(interactionId, interactionToken));
        var path = $"interactions/{interactionId}/{Uri.EscapeDataString(interactionToken)}/callback" + (withResponse ? "?with_response=true" : "");
        var request = new RestRequest(route, path, callback.CreateContent, UsesBotToken: false);
        if (!withResponse)
        {
            await SendAsync(request, cancellationToken);
            return null;
        }

        var response = await SendAsync(request, DiscordJsonContext.Default.InteractionCallbackResponse, cancellationToken);
        return response.ToResult();
    }

    /// <summary>GET /webhooks/{application_id}/{token}/messages/@original.</summary>
    public Task<DiscordMessage> GetOriginalResponseAsync(Snowflake applicationId, string interactionToken, CancellationToken cancellationToken) =>
        SendAsync(TokenRequest(HttpMethod.Get, OriginalTemplate, applicationId, interactionToken, "/messages/@original", null), DiscordJsonContext.Default.DiscordMessage, cancellationToken);

    /// <summary>
    /// PATCH /webhooks/{application_id}/{token}/messages/@original: fill in a deferred response or edit the reply.
    /// Fields left null are kept; files go as multipart.
    /// </summary>
    public Task<DiscordMessage> EditOriginalResponseAsync(Snowflake applicationId, string interactionToken, MessageBody body, CancellationToken cancellationToken)
    {
        MessageBodyValidator.Validate(body, requireSomething: false);
        return SendAsync(TokenRequest(HttpMethod.Patch, OriginalTemplate, applicationId, interactionToken, "/messages/@original", MessageContent(body)), DiscordJsonContext.Default.DiscordMessage, cancellationToken);
    }

    /// <summary>DELETE /webhooks/{application_id}/{token}/messages/@original.</summary>
    public Task DeleteOriginalResponseAsync(Snowflake applicationId, string interactionToken, CancellationToken cancellationToken) =>
        SendAsync(TokenRequest(HttpMethod.Delete, OriginalTemplate, applicationId, interactionToken, "/messages/@original", null), cancellationToken);

    /// <summary>POST /webhooks/{application_id}/{token}: a followup message (ephemeral with <see cref="MessageFlags.Ephemeral"/>).</summary>
    public Task<DiscordMessage> CreateFollowupAsync(Snowflake applicationId, string interactionToken, MessageBody body, CancellationToken cancellationToken)
    {
        MessageBodyValidator.Validate(body, requireSomething: true);
        return SendAsync(TokenRequest(HttpMethod.Post, FollowupTemplate, applicationId, interactionToken, "", MessageContent(body)), DiscordJsonContext.Default.DiscordMessage, cancellationToken);
    }

    /// <summary>PATCH /webhooks/{application_id}/{token}/messages/{message_id}: edit a followup.</summary>
    public Task<DiscordMessage> EditFollowupAsync(Snowflake applicationId, string interactionToken, Snowflake messageId, MessageBody body, CancellationToken cancellationToken)
    {
        MessageBodyValidator.Validate(body, requireSomething: false);
        return SendAsync(TokenRequest(HttpMethod.Patch, FollowupMessageTemplate, applicationId, interactionToken, $"/messages/{messageId}", MessageContent(body)), DiscordJsonContext.Default.DiscordMessage, cancellationToken);
    }

    /// <summary>DELETE /webhooks/{application_id}/{token}/messages/{message_id}.</summary>
    public Task DeleteFollowupAsync(Snowflake applicationId, string interactionToken, Snowflake messageId, CancellationToken cancellationToken) =>
        SendAsync(TokenRequest(HttpMethod.Delete, FollowupMessageTemplate, applicationId, interactionToken, $"/messages/{messageId}", null), cancellationToken);

    private static RestRequest TokenRequest(HttpMethod method, string template, Snowflake applicationId, string token, string suffix, Func<HttpContent>? content)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var route = new Route(method, template, MajorParameter.Webhook(applicationId, token));
        return new RestRequest(route, $"webhooks/{applicationId}/{Uri.EscapeDataString(token)}{suffix}", content, UsesBotToken: false);
    }

    private static Func<HttpContent> MessageContent(MessageBody body)
    {
        var payload = MessagePayload.From(body);
        var files = body.Files;
        return () => RequestContent.Create(payload, DiscordJsonContext.Default.MessagePayload, files);
    }
}
