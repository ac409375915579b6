using ComfyBot.Discord.Messages;

namespace ComfyBot.Discord.Responses;

/// <summary>What Discord says about a callback sent with <c>with_response=true</c>.</summary>
/// <param name="InteractionId">The interaction answered.</param>
/// <param name="ResponseMessageId">The id of the response message (also for a deferred one), when there is one.</param>
/// <param name="ResponseMessageLoading">True while a deferred response still shows "thinking…".</param>
/// <param name="ResponseMessageEphemeral">Whether the response message is ephemeral.</param>
/// <param name="Message">The message itself, for callback types 4 and 7.</param>
public sealed record InteractionCallbackResult(
    Snowflake InteractionId,
    Snowflake? ResponseMessageId,
    bool ResponseMessageLoading,
    bool ResponseMessageEphemeral,
    DiscordMessage? Message);
