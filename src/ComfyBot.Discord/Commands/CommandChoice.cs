using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Commands;

/// <summary>A fixed choice of an option, or an autocomplete suggestion. Name 1-100 characters; string values at most 100.</summary>
/// <param name="Name">What the user sees.</param>
/// <param name="Value">What the bot receives.</param>
public sealed record CommandChoice(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] CommandChoiceValue Value);
