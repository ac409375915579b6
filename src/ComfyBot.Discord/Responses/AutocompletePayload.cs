using System.Text.Json.Serialization;
using ComfyBot.Discord.Commands;

namespace ComfyBot.Discord.Responses;

/// <summary>The data of callback type 8.</summary>
internal sealed record AutocompletePayload([property: JsonPropertyName("choices")] IReadOnlyList<CommandChoice> Choices);
