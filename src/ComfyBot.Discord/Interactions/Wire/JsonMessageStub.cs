using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>The part of <c>interaction.message</c> we keep: its id.</summary>
internal sealed class JsonMessageStub
{
    [JsonPropertyName("id")] public Snowflake? Id { get; set; }
}
