using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComfyBot.Discord;

/// <summary>Reads a snowflake from a JSON string (Discord's form) or number; writes a string.</summary>
public sealed class SnowflakeJsonConverter : JsonConverter<Snowflake>
{
    /// <inheritdoc />
    public override Snowflake Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return new Snowflake(reader.GetUInt64());
        }

        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
            && Utf8Parser.TryParse(reader.ValueSpan, out ulong raw, out var consumed) && consumed == reader.ValueSpan.Length)
        {
            return new Snowflake(raw);
        }

        throw new JsonException($"Expected a snowflake (a string of digits), got {reader.TokenType}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Snowflake value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[20];
        Utf8Formatter.TryFormat(value.Value, buffer, out var written);
        writer.WriteStringValue(buffer[..written]);
    }
}
