using System.Text.Json;

namespace ComfyBot.Comfy.Events;

/// <summary>The readers for each JSON message's <c>data</c> object. Each starts on the object's StartObject.</summary>
public sealed partial class ComfyEventParser
{
    private ProgressEvent ReadProgress(ref Utf8JsonReader reader)
    {
        string? promptId = null, node = null;
        int value = 0, max = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8)) { value = ReadInt(ref reader); }
            else if (reader.ValueTextEquals("max"u8)) { max = ReadInt(ref reader); }
            else if (reader.ValueTextEquals("prompt_id"u8)) { promptId = ReadId(ref reader); }
            else if (reader.ValueTextEquals("node"u8)) { node = ReadId(ref reader); }
            else { SkipValue(ref reader); }
        }

        return new ProgressEvent(promptId, node, value, max);
    }

    private ExecutingEvent ReadExecuting(ref Utf8JsonReader reader)
    {
        string? promptId = null, node = null, display = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("node"u8)) { node = ReadId(ref reader); }
            else if (reader.ValueTextEquals("prompt_id"u8)) { promptId = ReadId(ref reader); }
            else if (reader.ValueTextEquals("display_node"u8)) { display = ReadId(ref reader); }
            else { SkipValue(ref reader); }
        }

        return new ExecutingEvent(promptId, node, display);
    }

    private ProgressStateEvent ReadProgressState(ref Utf8JsonReader reader)
    {
        string? promptId = null;
        var nodes = new List<NodeProgress>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_id"u8))
            {
                promptId = ReadId(ref reader);
            }
            else if (reader.ValueTextEquals("nodes"u8))
            {
                reader.Read();
                Expect(ref reader, JsonTokenType.StartObject, "progress_state.nodes");
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = IdFromCurrent(ref reader);
                    reader.Read();
                    nodes.Add(ReadNodeProgress(ref reader, key));
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new ProgressStateEvent(Required(promptId, "progress_state", "prompt_id"), nodes);
    }

    private NodeProgress ReadNodeProgress(ref Utf8JsonReader reader, string key)
    {
        Expect(ref reader, JsonTokenType.StartObject, $"progress_state.nodes.{key}");
        double value = 0, max = 0;
        string state = "running";
        string? display = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8)) { value = ReadDouble(ref reader); }
            else if (reader.ValueTextEquals("max"u8)) { max = ReadDouble(ref reader); }
            else if (reader.ValueTextEquals("state"u8)) { reader.Read(); state = NodeState(ref reader) ?? state; }
            else if (reader.ValueTextEquals("display_node_id"u8)) { display = ReadId(ref reader); }
            else { SkipValue(ref reader); }
        }

        return new NodeProgress(key, value, max, state, display);
    }

    /// <summary>A node's state in progress_state, one shared string for the states ComfyUI has (every node of every message repeats them).</summary>
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

    private static StatusEvent ReadStatus(ref Utf8JsonReader reader)
    {
        var remaining = 0;
        string? sid = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("sid"u8))
            {
                sid = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("exec_info"u8))
                    {
                        reader.Read();
                        Expect(ref reader, JsonTokenType.StartObject, "status.status.exec_info");
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("queue_remaining"u8)) { remaining = ReadInt(ref reader); }
                            else { SkipValue(ref reader); }
                        }
                    }
                    else
                    {
                        SkipValue(ref reader);
                    }
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new StatusEvent(remaining, sid);
    }

    private ExecutionStartEvent ReadStart(ref Utf8JsonReader reader)
    {
        var (promptId, timestamp) = ReadPromptAndTime(ref reader);
        return new ExecutionStartEvent(Required(promptId, "execution_start", "prompt_id"), timestamp);
    }

    private ExecutionSuccessEvent ReadSuccess(ref Utf8JsonReader reader)
    {
        var (promptId, timestamp) = ReadPromptAndTime(ref reader);
        return new ExecutionSuccessEvent(Required(promptId, "execution_success", "prompt_id"), timestamp);
    }

    private (string? PromptId, long? Timestamp) ReadPromptAndTime(ref Utf8JsonReader reader)
    {
        string? promptId = null;
        long? timestamp = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_id"u8)) { promptId = ReadId(ref reader); }
            else if (reader.ValueTextEquals("timestamp"u8)) { timestamp = ReadLong(ref reader); }
            else { SkipValue(ref reader); }
        }

        return (promptId, timestamp);
    }

    private ExecutionCachedEvent ReadCached(ref Utf8JsonReader reader)
    {
        string? promptId = null;
        long? timestamp = null;
        IReadOnlyList<string> nodes = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_id"u8)) { promptId = ReadId(ref reader); }
            else if (reader.ValueTextEquals("timestamp"u8)) { timestamp = ReadLong(ref reader); }
            else if (reader.ValueTextEquals("nodes"u8)) { nodes = ReadIdArray(ref reader); }
            else { SkipValue(ref reader); }
        }

        return new ExecutionCachedEvent(Required(promptId, "execution_cached", "prompt_id"), nodes, timestamp);
    }

    private ExecutionErrorEvent ReadError(ref Utf8JsonReader reader)
    {
        string? promptId = null, nodeId = null, nodeType = null, exceptionType = null, message = null;
        long? timestamp = null;
        IReadOnlyList<string> executed = [], traceback = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_id"u8)) { promptId = ReadId(ref reader); }
            else if (reader.ValueTextEquals("node_id"u8)) { nodeId = ReadId(ref reader); }
            else if (reader.ValueTextEquals("node_type"u8)) { nodeType = ReadText(ref reader); }
            else if (reader.ValueTextEquals("exception_type"u8)) { exceptionType = ReadText(ref reader); }
            else if (reader.ValueTextEquals("exception_message"u8)) { message = ReadText(ref reader); }
            else if (reader.ValueTextEquals("timestamp"u8)) { timestamp = ReadLong(ref reader); }
            else if (reader.ValueTextEquals("executed"u8)) { executed = ReadIdArray(ref reader); }
            else if (reader.ValueTextEquals("traceback"u8)) { traceback = ReadTextArray(ref reader); }
            else { SkipValue(ref reader); }
        }

        return new ExecutionErrorEvent(Required(promptId, "execution_error", "prompt_id"), nodeId, nodeType, exceptionType, message, executed, traceback, timestamp);
    }

    private ExecutionInterruptedEvent ReadInterrupted(ref Utf8JsonReader reader)
    {
        string? promptId = null, nodeId = null, nodeType = null;
        long? timestamp = null;
        IReadOnlyList<string> executed = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_id"u8)) { promptId = ReadId(ref reader); }
            else if (reader.ValueTextEquals("node_id"u8)) { nodeId = ReadId(ref reader); }
            else if (reader.ValueTextEquals("node_type"u8)) { nodeType = ReadText(ref reader); }
            else if (reader.ValueTextEquals("timestamp"u8)) { timestamp = ReadLong(ref reader); }
            else if (reader.ValueTextEquals("executed"u8)) { executed = ReadIdArray(ref reader); }
            else { SkipValue(ref reader); }
        }

        return new ExecutionInterruptedEvent(Required(promptId, "execution_interrupted", "prompt_id"), nodeId, nodeType, executed, timestamp);
    }

    private static FeatureFlagsEvent ReadFeatureFlags(ref Utf8JsonReader reader)
    {
        var previews = false;
        long? maxUpload = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("supports_preview_metadata"u8))
            {
                reader.Read();
                previews = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("max_upload_size"u8))
            {
                maxUpload = ReadLong(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new FeatureFlagsEvent(previews, maxUpload);
    }

    private static LogsEvent ReadLogs(ref Utf8JsonReader reader)
    {
        var entries = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("entries"u8))
            {
                SkipValue(ref reader);
                continue;
            }

            reader.Read();
            Expect(ref reader, JsonTokenType.StartArray, "logs.entries");
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                string? t = null, m = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("t"u8)) { t = ReadText(ref reader); }
                    else if (reader.ValueTextEquals("m"u8)) { m = ReadText(ref reader); }
                    else { SkipValue(ref reader); }
                }

                entries.Add(new(t ?? string.Empty, m ?? string.Empty));
            }
        }

        return new LogsEvent(entries);
    }
}
