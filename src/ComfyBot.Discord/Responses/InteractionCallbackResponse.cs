using System.Text.Json.Serialization;
using ComfyBot.Discord.Messages;

namespace ComfyBot.Discord.Responses;

/// <summary>The wire form of Discord's InteractionCallbackResponse.</summary>
internal sealed class InteractionCallbackResponse
{
    [JsonPropertyName("interaction")]
    public CallbackInteraction? Interaction { get; init; }

    [JsonPropertyName("resource")]
    public CallbackResource? Resource { get; init; }

    public InteractionCallbackResult ToResult() => new(
        Interaction?.Id ?? default,
        Interaction?.ResponseMessageId,
        Interaction?.ResponseMessageLoading ?? false,
        Interaction?.ResponseMessageEphemeral ?? false,
        Resource?.Message);

    internal sealed class CallbackInteraction
    {
        [JsonPropertyName("id")]
        public Snowflake Id { get; init; }

        [JsonPropertyName("response_message_id")]
        public Snowflake? ResponseMessageId { get; init; }

        [JsonPropertyName("response_message_loading")]
        public bool? ResponseMessageLoading { get; init; }

        [JsonPropertyName("response_message_ephemeral")]
        public bool? ResponseMessageEphemeral { get; init; }
    }

    internal sealed class CallbackResource
    {
        [JsonPropertyName("type")]
        public int Type { get; init; }

        [JsonPropertyName("message")]
        public DiscordMessage? Message { get; init; }
    }
}
