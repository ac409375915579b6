using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>A drop-down of fixed options (component type 3); it fills a row on its own.</summary>
public sealed record StringSelect : MessageComponent
{
    /// <inheritdoc />
    [JsonPropertyName("type")]
    public override int Type => 3;

    /// <summary>What comes back in the interaction, 1-100 characters.</summary>
    [JsonPropertyName("custom_id")]
    public required string CustomId { get; init; }

    /// <summary>The options, 1 to 25.</summary>
    [JsonPropertyName("options")]
    public required IReadOnlyList<SelectOption> Options { get; init; }

    /// <summary>Shown when nothing is selected, at most 150 characters.</summary>
    [JsonPropertyName("placeholder")]
    public string? Placeholder { get; init; }

    /// <summary>The fewest options a user must pick (0-25).</summary>
    [JsonPropertyName("min_values")]
    public int? MinValues { get; init; }

    /// <summary>The most options a user may pick (1-25).</summary>
    [JsonPropertyName("max_values")]
    public int? MaxValues { get; init; }

    /// <summary>Greyed out.</summary>
    [JsonPropertyName("disabled")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Disabled { get; init; }
}
