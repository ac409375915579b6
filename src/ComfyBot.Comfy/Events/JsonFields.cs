using System.Buffers.Text;
using System.Text.Json;

namespace ComfyBot.Comfy.Events;

/// <summary>
/// The small value readers every message reader shares. Each one that takes a property's value first advances past
/// the property name. Ids (prompt and node ids) come from the parser's <see cref="Utf8StringCache"/>, so a steady
/// stream of progress messages allocates no new strings for them. Owned by one parser; not thread-safe.
/// </summary>
internal sealed class JsonFields
{
    private readonly Utf8StringCache _ids = new(64);

    public string? ReadId(ref Utf8JsonReader reader)
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

    /// <summary>An unescaped string id's text, from the cache as <see cref="ReadId"/> gives it.</summary>
    public string Id(ReadOnlySpan<byte> utf8) => _ids.Get(utf8);

    public string IdFromCurrent(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? reader.GetString()! : _ids.Get(reader.ValueSpan);

    public List<string> ReadIdArray(ref Utf8JsonReader reader)
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

    public static string? ReadText(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new ComfyProtocolException($"Expected a string or null, got {reader.TokenType}."),
        };
    }

    public static int ReadInt(ref Utf8JsonReader reader)
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

    public static long? ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number => reader.TryGetInt64(out var l) ? l : (long)reader.GetDouble(),
            _ => throw new ComfyProtocolException($"Expected a number or null, got {reader.TokenType}."),
        };
    }

    public static double ReadDouble(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number
            ? reader.GetDouble()
            : throw new ComfyProtocolException($"Expected a number, got {reader.TokenType}.");
    }

    public static List<string> ReadTextArray(ref Utf8JsonReader reader)
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

    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    public static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string where)
    {
        if (reader.TokenType != type)
        {
            throw new ComfyProtocolException($"Expected {type} at '{where}', got {reader.TokenType}.");
        }
    }

    public static string Required(string? value, string type, string field) =>
        value ?? throw new ComfyProtocolException($"A '{type}' message has no '{field}'.");
}
