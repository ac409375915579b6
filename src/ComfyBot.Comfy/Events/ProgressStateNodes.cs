using System.Text.Json;
using static ComfyBot.Comfy.Events.JsonFields;

namespace ComfyBot.Comfy.Events;

/// <summary>
/// A progress_state message's <c>nodes</c> object: <c>{"id": {"value", "max", "state", "display_node_id", ...}}</c>.
/// <see cref="Check"/> walks it at parse time and throws what reading it would throw, without building anything;
/// <see cref="Read(byte[])"/> builds the list later from the kept bytes, on whatever thread asks.
/// </summary>
internal static class ProgressStateNodes
{
    /// <summary>Walks the object the reader is on (its StartObject) to its EndObject, with the errors <see cref="Read(ref Utf8JsonReader, List{NodeProgress})"/> gives.</summary>
    public static void Check(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var atKey = reader;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Expect(ref reader, JsonTokenType.StartObject, $"progress_state.nodes.{atKey.GetString()}");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                switch (FieldOf(ref reader))
                {
                    case Field.Value or Field.Max:
                        reader.Read();
                        CheckDouble(ref reader);
                        break;
                    case Field.State:
                        reader.Read();
                        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                        {
                            throw new ComfyProtocolException($"Expected a string or null, got {reader.TokenType}.");
                        }

                        break;
                    case Field.Display:
                        reader.Read();
                        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null or JsonTokenType.Number))
                        {
                            throw new ComfyProtocolException($"Expected a node or prompt id (string or null), got {reader.TokenType}.");
                        }

                        break;
                    default:
                        reader.Read();
                        reader.Skip();
                        break;
                }
            }
        }
    }

    /// <summary>The nodes from bytes kept by <see cref="Check"/>'s caller (null: the message had none).</summary>
    public static IReadOnlyList<NodeProgress> Read(byte[]? json)
    {
        var nodes = new List<NodeProgress>();
        if (json is null)
        {
            return nodes;
        }

        try
        {
            // Several "nodes" objects (never sent, but legal JSON) were kept one after another, as a multi-value stream.
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
            {
                Read(ref reader, nodes);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new ComfyProtocolException($"A progress_state message's nodes are malformed ({ex.Message}).", ex);
        }

        return nodes;
    }

    /// <summary>Reads the object the reader is on (its StartObject) into <paramref name="nodes"/>, ending on its EndObject.</summary>
    public static void Read(ref Utf8JsonReader reader, List<NodeProgress> nodes)
    {
        Expect(ref reader, JsonTokenType.StartObject, "progress_state.nodes");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            Expect(ref reader, JsonTokenType.StartObject, $"progress_state.nodes.{key}");
            double value = 0, max = 0;
            string state = "running";
            string? display = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                switch (FieldOf(ref reader))
                {
                    case Field.Value: value = ReadDouble(ref reader); break;
                    case Field.Max: max = ReadDouble(ref reader); break;
                    case Field.State: reader.Read(); state = NodeState(ref reader) ?? state; break;
                    case Field.Display: display = ReadIdText(ref reader); break;
                    default: SkipValue(ref reader); break;
                }
            }

            nodes.Add(new NodeProgress(key, value, max, state, display));
        }
    }

    public static byte[] Concat(byte[] first, ReadOnlySpan<byte> second)
    {
        var both = new byte[first.Length + 1 + second.Length];
        first.CopyTo(both, 0);
        both[first.Length] = (byte)' ';
        second.CopyTo(both.AsSpan(first.Length + 1));
        return both;
    }

    /// <summary>Which field a node property is: by length first, as a node has eight and four are read.</summary>
    private static Field FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return reader.ValueTextEquals("value"u8) ? Field.Value
                : reader.ValueTextEquals("max"u8) ? Field.Max
                : reader.ValueTextEquals("state"u8) ? Field.State
                : reader.ValueTextEquals("display_node_id"u8) ? Field.Display
                : Field.Other;
        }

        var name = reader.ValueSpan;
        return name.Length switch
        {
            3 when name.SequenceEqual("max"u8) => Field.Max,
            5 when name.SequenceEqual("value"u8) => Field.Value,
            5 when name.SequenceEqual("state"u8) => Field.State,
            15 when name.SequenceEqual("display_node_id"u8) => Field.Display,
            _ => Field.Other,
        };
    }

    /// <summary>
    /// A number token; out of range only with an exponent or hundreds of digits, so only those are converted here
    /// (throwing the same FormatException reading it would).
    /// </summary>
    private static void CheckDouble(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new ComfyProtocolException($"Expected a number, got {reader.TokenType}.");
        }

        var digits = reader.ValueSpan;
        if (digits.Length >= 300 || digits.IndexOfAny((byte)'e', (byte)'E') >= 0)
        {
            _ = reader.GetDouble();
        }
    }

    /// <summary>A node's state, one shared string for the states ComfyUI has (every node of every message repeats them).</summary>
    private static string? NodeState(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var value = reader.ValueSpan;
            if (value.SequenceEqual("running"u8)) { return "running"; }
            if (value.SequenceEqual("finished"u8)) { return "finished"; }
            if (value.SequenceEqual("pending"u8)) { return "pending"; }
            if (value.SequenceEqual("error"u8)) { return "error"; }
        }

        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new ComfyProtocolException($"Expected a string or null, got {reader.TokenType}."),
        };
    }

    /// <summary>Like <see cref="JsonFields.ReadId"/> without the parser's id cache, which belongs to the parser's thread.</summary>
    private static string? ReadIdText(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            _ => throw new ComfyProtocolException($"Expected a node or prompt id (string or null), got {reader.TokenType}."),
        };
    }

    private enum Field
    {
        Other,
        Value,
        Max,
        State,
        Display,
    }
}
