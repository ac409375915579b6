using System.Text.Json;
using static ComfyBot.Comfy.Events.JsonFields;

namespace ComfyBot.Comfy.Events;

/// <summary>
/// The messages of a prompt's run from start to end: <c>execution_start</c>, <c>execution_cached</c>,
/// <c>executing</c>, <c>execution_success</c>, <c>execution_error</c> and <c>execution_interrupted</c>. Each reader
/// starts on the data object's StartObject and ends on its EndObject.
/// </summary>
internal sealed class ExecutionMessageReader(JsonFields fields)
{
    public ExecutingEvent ReadExecuting(ref Utf8JsonReader reader)
    {
        string? promptId = null, node = null, display = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("node"u8)) { node = fields.ReadId(ref reader); }
            else if (reader.ValueTextEquals("prompt_id"u8)) { promptId = fields.ReadId(ref reader); }
            else if (reader.ValueTextEquals("display_node"u8)) { display = fields.ReadId(ref reader); }
            else { SkipValue(ref reader); }
        }

        return new ExecutingEvent(promptId, node, display);
    }

    public ExecutionStartEvent ReadStart(ref Utf8JsonReader reader)
    {
        var (promptId, timestamp) = ReadPromptAndTime(ref reader);
        return new ExecutionStartEvent(Required(promptId, "execution_start", "prompt_id"), timestamp);
    }

    public ExecutionSuccessEvent ReadSuccess(ref Utf8JsonReader reader)
    {
        var (promptId, timestamp) = ReadPromptAndTime(ref reader);
        return new ExecutionSuccessEvent(Required(promptId, "execution_success", "prompt_id"), timestamp);
    }

    public ExecutionCachedEvent ReadCached(ref Utf8JsonReader reader)
    {
        string? promptId = null;
        long? timestamp = null;
        IReadOnlyList<string> nodes = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_id"u8)) { promptId = fields.ReadId(ref reader); }
            else if (reader.ValueTextEquals("timestamp"u8)) { timestamp = ReadLong(ref reader); }
            else if (reader.ValueTextEquals("nodes"u8)) { nodes = fields.ReadIdArray(ref reader); }
            else { SkipValue(ref reader); }
        }

        return new ExecutionCachedEvent(Required(promptId, "execution_cached", "prompt_id"), nodes, timestamp);
    }

    public ExecutionErrorEvent ReadError(ref Utf8JsonReader reader)
    {
        string? promptId = null, nodeId = null, nodeType = null, exceptionType = null, message = null;
        long? timestamp = null;
        IReadOnlyList<string> executed = [], traceback = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_id"u8)) { promptId = fields.ReadId(ref reader); }
            else if (reader.ValueTextEquals("node_id"u8)) { nodeId = fields.ReadId(ref reader); }
            else if (reader.ValueTextEquals("node_type"u8)) { nodeType = ReadText(ref reader); }
            else if (reader.ValueTextEquals("exception_type"u8)) { exceptionType = ReadText(ref reader); }
            else if (reader.ValueTextEquals("exception_message"u8)) { message = ReadText(ref reader); }
            else if (reader.ValueTextEquals("timestamp"u8)) { timestamp = ReadLong(ref reader); }
            else if (reader.ValueTextEquals("executed"u8)) { executed = fields.ReadIdArray(ref reader); }
            else if (reader.ValueTextEquals("traceback"u8)) { traceback = ReadTextArray(ref reader); }
            else { SkipValue(ref reader); }
        }

        return new ExecutionErrorEvent(Required(promptId, "execution_error", "prompt_id"), nodeId, nodeType, exceptionType, message, executed, traceback, timestamp);
    }

    public ExecutionInterruptedEvent ReadInterrupted(ref Utf8JsonReader reader)
    {
        string? promptId = null, nodeId = null, nodeType = null;
        long? timestamp = null;
        IReadOnlyList<string> executed = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_id"u8)) { promptId = fields.ReadId(ref reader); }
            else if (reader.ValueTextEquals("node_id"u8)) { nodeId = fields.ReadId(ref reader); }
            else if (reader.ValueTextEquals("node_type"u8)) { nodeType = ReadText(ref reader); }
            else if (reader.ValueTextEquals("timestamp"u8)) { timestamp = ReadLong(ref reader); }
            else if (reader.ValueTextEquals("executed"u8)) { executed = fields.ReadIdArray(ref reader); }
            else { SkipValue(ref reader); }
        }

        return new ExecutionInterruptedEvent(Required(promptId, "execution_interrupted", "prompt_id"), nodeId, nodeType, executed, timestamp);
    }

    private (string? PromptId, long? Timestamp) ReadPromptAndTime(ref Utf8JsonReader reader)
    {
        string? promptId = null;
        long? timestamp = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_id"u8)) { promptId = fields.ReadId(ref reader); }
            else if (reader.ValueTextEquals("timestamp"u8)) { timestamp = ReadLong(ref reader); }
            else { SkipValue(ref reader); }
        }

        return (promptId, timestamp);
    }
}
