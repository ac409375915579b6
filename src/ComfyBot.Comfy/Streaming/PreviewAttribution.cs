using ComfyBot.Comfy.Events;

namespace ComfyBot.Comfy.Streaming;

/// <summary>
/// Which prompt runs on one connection, so a type-1 preview (a bare image, naming no prompt) can be given the prompt
/// last seen executing. A prompt runs from execution_start (or an executing or progress message naming it) until
/// executing{node:null} names it. Starts over on each connection. Not thread-safe: the stream's loop is its only user.
/// </summary>
internal sealed class PreviewAttribution
{
    private string? _runningPromptId;

    /// <summary>A new connection: what ran on the old one says nothing about the new.</summary>
    public void Reset() => _runningPromptId = null;

    /// <summary>Notes which prompt runs; returns a type-1 preview with that prompt's id, and anything else as it is.</summary>
    public ComfyEvent Attribute(ComfyEvent item)
    {
        switch (item)
        {
            case ExecutionStartEvent start:
                _runningPromptId = start.PromptId;
                break;
            case ExecutingEvent { PromptId: { } id, NodeId: not null }:
                _runningPromptId = id;
                break;
            case ExecutingEvent { PromptId: { } id, NodeId: null } when id == _runningPromptId:
                _runningPromptId = null;
                break;
            case ProgressEvent { PromptId: { } id }:
                _runningPromptId = id;
                break;
            case PreviewImageEvent { PromptId: null } preview when _runningPromptId is not null:
                return preview with { PromptId = _runningPromptId };
        }

        return item;
    }
}
