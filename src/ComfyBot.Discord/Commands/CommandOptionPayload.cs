using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Commands;

/// <summary>The wire form of a command option.</summary>
internal sealed class CommandOptionPayload
{
    [JsonPropertyName("type")]
    public int Type { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("required")]
    public bool? Required { get; init; }

    [JsonPropertyName("choices")]
    public IReadOnlyList<CommandChoice>? Choices { get; init; }

    [JsonPropertyName("autocomplete")]
    public bool? Autocomplete { get; init; }

    [JsonPropertyName("min_value")]
    public double? MinValue { get; init; }

    [JsonPropertyName("max_value")]
    public double? MaxValue { get; init; }

    [JsonPropertyName("min_length")]
    public int? MinLength { get; init; }

    [JsonPropertyName("max_length")]
    public int? MaxLength { get; init; }

    [JsonPropertyName("options")]
    public IReadOnlyList<CommandOptionPayload>? Options { get; init; }

    public static CommandOptionPayload From(CommandOption option) => new()
    {
        Type = (int)option.Type,
        Name = option.Name,
        Description = option.Description,
        Required = option.Required ? true : null,
        Choices = option.Choices is { Count: > 0 } ? option.Choices : null,
        Autocomplete = option.Autocomplete ? true : null,
        MinValue = option.MinValue,
        MaxValue = option.MaxValue,
        MinLength = option.MinLength,
        MaxLength = option.MaxLength,
        Options = option.Options is { Count: > 0 } ? [.. option.Options.Select(From)] : null,
    };
}
