using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Commands;

/// <summary>Writes a choice value as a JSON string or number; reads integers as integers and the rest as numbers.</summary>
public sealed class CommandChoiceValueJsonConverter : JsonConverter<CommandChoiceValue>
{
    /// <inheritdoc />
    public override CommandChoiceValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => CommandChoiceValue.FromString(reader.GetString()!),
        JsonTokenType.Number when reader.TryGetInt64(out var integer) => CommandChoiceValue.FromInteger(integer),
        JsonTokenType.Number => CommandChoiceValue.FromNumber(reader.GetDouble()),
        _ => throw new JsonException($"A choice value must be a string or a number, got {reader.TokenType}."),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CommandChoiceValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.Kind)
        {
            case ApplicationCommandOptionType.String:
                writer.WriteStringValue(value.Text);
                break;
            case ApplicationCommandOptionType.Integer:
                writer.WriteNumberValue(value.Integer);
                break;
            default:
                writer.WriteNumberValue(value.Number);
                break;
        }
    }
}
