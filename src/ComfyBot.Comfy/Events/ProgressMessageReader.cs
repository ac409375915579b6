using System.Text.Json;
using static ComfyBot.Comfy.Events.JsonFields;

namespace ComfyBot.Comfy.Events;

/// <summary>
/// <c>progress</c> and <c>progress_state</c>, the messages that arrive many times a second per job. A
/// progress_state's per-node snapshot is only scanned here for its end and structure (<see cref="JsonExtent"/>), kept
/// as bytes, and read and checked in full only when <see cref="ProgressStateEvent.Nodes"/> is asked for: the tracker
/// never reads it, and reading it was two thirds of the parser's time on a recorded run. Each reader starts on the
/// data object's StartObject and ends on its EndObject, except as <see cref="ReadProgressState"/> says.
/// </summary>
internal sealed class ProgressMessageReader(JsonFields fields)
{
    public ProgressEvent ReadProgress(ref Utf8JsonReader reader)
    {
        string? promptId = null, node = null;
        int value = 0, max = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8)) { value = ReadInt(ref reader); }
            else if (reader.ValueTextEquals("max"u8)) { max = ReadInt(ref reader); }
            else if (reader.ValueTextEquals("prompt_id"u8)) { promptId = fields.ReadId(ref reader); }
            else if (reader.ValueTextEquals("node"u8)) { node = fields.ReadId(ref reader); }
            else { SkipValue(ref reader); }
        }

        return new ProgressEvent(promptId, node, value, max);
    }

    /// <param name="reader">
    /// On the data object's StartObject. Eagerly, it ends on the data object's EndObject. Lazily, when the data object
    /// ends right after its nodes (as ComfyUI sends it), the reader is left where it was, on the "nodes" property name:
    /// the bytes it never read were scanned instead, and no caller reads on after the data object.
    /// </param>
    /// <param name="source">The bytes the reader reads (its token indexes are offsets into them).</param>
    /// <param name="eager">Read the nodes now, as the reference for the lazy path's tests.</param>
    public ProgressStateEvent ReadProgressState(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, bool eager)
    {
        string? promptId = null;
        List<NodeProgress>? nodes = null;
        byte[]? nodesJson = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_id"u8))
            {
                promptId = fields.ReadId(ref reader);
            }
            else if (!reader.ValueTextEquals("nodes"u8))
            {
                SkipValue(ref reader);
            }
            else if (eager)
            {
                reader.Read();
                Expect(ref reader, JsonTokenType.StartObject, "progress_state.nodes");
                nodes ??= [];
                ProgressStateNodes.Read(ref reader, nodes);
            }
            else
            {
                var start = Skip(source, (int)reader.BytesConsumed, colon: true);
                if (start >= source.Length || source[start] != (byte)'{')
                {
                    // Not an object: the reader gives the error reading it all gives.
                    reader.Read();
                    Expect(ref reader, JsonTokenType.StartObject, "progress_state.nodes");
                }

                // Only the structure is checked now; the content is checked on the first read of Nodes.
                var end = JsonExtent.EndOfObject(source, start, "a progress_state message's 'nodes' object");

                // A copy, never a slice: the caller's frame buffer is reused for the next frame.
                nodesJson = nodesJson is null ? source[start..end].ToArray() : ProgressStateNodes.Concat(nodesJson, source[start..end]);

                var next = Skip(source, end, colon: false);
                if (next < source.Length && source[next] == (byte)'}')
                {
                    break;
                }

                if (next < source.Length && source[next] == (byte)',' && Skip(source, next + 1, colon: false) is var name
                    && name < source.Length && source[name] == (byte)'"')
                {
                    // More fields follow (never seen from ComfyUI). A reader cannot start mid-object, so it goes on
                    // over a copy of the rest with the comma turned into a '{'; its error positions count from there.
                    var rest = source[next..].ToArray();
                    rest[0] = (byte)'{';
                    source = rest;
                    reader = new Utf8JsonReader(rest);
                    reader.Read();
                    continue;
                }

                // Something else follows the nodes, or nothing: let the reader pass over the nodes and fail on it,
                // with the error reading it all gives.
                reader.Skip();
            }
        }

        var id = Required(promptId, "progress_state", "prompt_id");
        return eager ? new ProgressStateEvent(id, nodes ?? []) : new ProgressStateEvent(id, nodesJson);
    }

    /// <summary>The index of the first byte from <paramref name="at"/> on that is not JSON whitespace (nor, once, a ':').</summary>
    private static int Skip(ReadOnlySpan<byte> json, int at, bool colon)
    {
        var colonSeen = !colon;
        for (; at < json.Length; at++)
        {
            var b = json[at];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            if (b == (byte)':' && !colonSeen)
            {
                colonSeen = true;
                continue;
            }

            break;
        }

        return at;
    }
}
