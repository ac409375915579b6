using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>
/// Reads an option value without knowing the option's type yet (<c>type</c> may come after <c>value</c>),
/// keeping every form the token allows.
/// </summary>
internal sealed class JsonOptionValueConverter : JsonConverter<JsonOptionValue>
{
    public override JsonOptionValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new JsonOptionValue(reader.GetString(), null, null, null),
            JsonTokenType.Number => new JsonOptionValue(
                null,
                reader.GetDouble(),
                reader.TryGetInt64(out var whole) ? whole : null,
                null),
            JsonTokenType.True => new JsonOptionValue(null, null, null, true),
            JsonTokenType.False => new JsonOptionValue(null, null, null, false),
            _ => throw new JsonException($"An option value must be a string, number or boolean, not {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, JsonOptionValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Text is not null)
        {
            writer.WriteStringValue(value.Text);
        }
        else if (value.Integer is { } whole)
        {
            writer.WriteNumberValue(whole);
        }
        else if (value.Number is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else if (value.Boolean is { } flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
