using System.Buffers.Text;
using System.Text.Json;

namespace ComfyBot.Comfy.Events;

/// <summary>Small value readers shared by the message readers. Each advances past one property value.</summary>
public sealed partial class ComfyEventParser
{
    private string? ReadId(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.ValueIsEscaped ? reader.GetString() : _ids.Get(reader.ValueSpan),
            // Some custom nodes report numeric ids; ComfyUI ids are strings, so keep the digits as text.
            JsonTokenType.Number => _ids.Get(reader.ValueSpan),
            _ => throw new ComfyProtocolException($"Expected a node or prompt id (string or null), got {reader.TokenType}."),
        };
    }

    private string IdFromCurrent(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? reader.GetString()! : _ids.Get(reader.ValueSpan);

    private static string? ReadText(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new ComfyProtocolException($"Expected a string or null, got {reader.TokenType}."),
        };
    }

    private static int ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new ComfyProtocolException($"Expected a number, got {reader.TokenType}.");
        }

        // Progress values are ints from samplers but floats (1.0) from other nodes.
        if (!reader.HasValueSequence && Utf8Parser.TryParse(reader.ValueSpan, out int value, out var used) && used == reader.ValueSpan.Length)
        {
            return value;
        }

        return (int)Math.Round(reader.GetDouble());
    }

    private static long? ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number => reader.TryGetInt64(out var l) ? l : (long)reader.GetDouble(),
            _ => throw new ComfyProtocolException($"Expected a number or null, got {reader.TokenType}."),
        };
    }

    private static double ReadDouble(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number
            ? reader.GetDouble()
            : throw new ComfyProtocolException($"Expected a number, got {reader.TokenType}.");
    }

    private List<string> ReadIdArray(ref Utf8JsonReader reader)
    {
        reader.Read();
        var items = new List<string>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return items;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
            {
                items.Add(IdFromCurrent(ref reader));
            }
            else
            {
                reader.Skip();
            }
        }

        return items;
    }

    private static List<string> ReadTextArray(ref Utf8JsonReader reader)
    {
        reader.Read();
        var items = new List<string>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return items;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                items.Add(reader.GetString()!);
            }
            else
            {
                reader.Skip();
            }
        }

        return items;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string where)
    {
        if (reader.TokenType != type)
        {
            throw new ComfyProtocolException($"Expected {type} at '{where}', got {reader.TokenType}.");
        }
    }

    private static string Required(string? value, string type, string field) =>
        value ?? throw new ComfyProtocolException($"A '{type}' message has no '{field}'.");
}
