using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>A component inside an <see cref="ActionRow"/>: a <see cref="Button"/> or a <see cref="StringSelect"/>.</summary>
[JsonDerivedType(typeof(Button))]
[JsonDerivedType(typeof(StringSelect))]
public abstract record MessageComponent
{
    /// <summary>Discord's component type number.</summary>
    [JsonPropertyName("type")]
    public abstract int Type { get; }
}
