using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>A row of up to five buttons, or exactly one select (component type 1). At most five rows per message.</summary>
/// <param name="Components">The row's components.</param>
public sealed record ActionRow([property: JsonPropertyName("components")] IReadOnlyList<MessageComponent> Components)
{
    /// <summary>Discord's component type number for an action row.</summary>
    [JsonPropertyName("type")]
    public int Type { get; } = 1;

    /// <summary>A row of the given components.</summary>
    public static ActionRow Of(params IReadOnlyList<MessageComponent> components) => new(components);
}
