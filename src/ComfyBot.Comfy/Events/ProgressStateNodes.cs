using System.Text.Json;
using static ComfyBot.Comfy.Events.JsonFields;

namespace ComfyBot.Comfy.Events;

/// <summary>
/// A progress_state message's <c>nodes</c> object: <c>{"id": {"value", "max", "state", "display_node_id", ...}}</c>.
/// The parser only finds its end (<see cref="JsonExtent"/>); <see cref="Read(byte[])"/> checks and builds the list
/// later from the kept bytes, on whatever thread asks, with the errors reading it at parse time gives.
/// </summary>
internal static class ProgressStateNodes
{
    /// <summary>The nodes from the bytes the parser kept (null: the message had none).</summary>
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
