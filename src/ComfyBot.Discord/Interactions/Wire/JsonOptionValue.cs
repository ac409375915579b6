using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>An option's <c>value</c>, which is a string, a number or a boolean depending on the option type.</summary>
[JsonConverter(typeof(JsonOptionValueConverter))]
internal readonly record struct JsonOptionValue(string? Text, double? Number, long? Integer, bool? Boolean);
