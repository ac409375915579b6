using System.Text.Json;
using static ComfyBot.Comfy.Events.JsonFields;

namespace ComfyBot.Comfy.Events;

/// <summary>
/// <c>progress</c> and <c>progress_state</c>, the messages that arrive many times a second per job. A
/// progress_state's per-node snapshot is checked here (so a malformed one fails at parse time with the same error as
/// ever) but kept as bytes and read only when <see cref="ProgressStateEvent.Nodes"/> is asked for: the tracker never
/// reads it, and reading it was two thirds of the parser's time on a recorded run. Each reader starts on the data
/// object's StartObject and ends on its EndObject.
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

    /// <param name="reader">On the data object's StartObject.</param>
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
            else if (reader.ValueTextEquals("nodes"u8))
            {
                reader.Read();
                Expect(ref reader, JsonTokenType.StartObject, "progress_state.nodes");
                if (eager)
                {
                    nodes ??= [];
                    ProgressStateNodes.Read(ref reader, nodes);
                }
                else
                {
                    // A copy, never a slice: the caller's frame buffer is reused for the next frame.
                    var start = (int)reader.TokenStartIndex;
                    ProgressStateNodes.Check(ref reader);
                    nodesJson = nodesJson is null
                        ? source[start..(int)reader.BytesConsumed].ToArray()
                        : ProgressStateNodes.Concat(nodesJson, source[start..(int)reader.BytesConsumed]);
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        var id = Required(promptId, "progress_state", "prompt_id");
        return eager ? new ProgressStateEvent(id, nodes ?? []) : new ProgressStateEvent(id, nodesJson);
    }
}
