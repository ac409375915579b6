namespace ComfyBot.Comfy.Events;

/// <summary><c>executed</c>: a node produced UI output (also sent, with the cached UI, for cached output nodes).</summary>
/// <param name="PromptId">The prompt.</param>
/// <param name="NodeId">The node.</param>
/// <param name="DisplayNodeId">The node to show in a UI, when sent.</param>
/// <param name="Files">The files listed in the output (images, gifs, audio ...), in order.</param>
/// <param name="OutputJson">The raw <c>output</c> object, or null when the node had no UI.</param>
/// <remarks>
/// From the parser, <see cref="OutputJson"/> is made from a private copy of the output's UTF-8 bytes on first use:
/// the tracker only needs <see cref="Files"/>, and making the string was a quarter of a 64-image message's parse time.
/// The copy is the event's own, never the frame buffer, so later frames cannot change it.
/// </remarks>
public sealed record ExecutedEvent(string PromptId, string NodeId, string? DisplayNodeId, IReadOnlyList<OutputFile> Files, string? OutputJson)
    : ComfyEvent(PromptId)
{
    private readonly byte[]? _outputUtf8;
    private string? _outputJson = OutputJson;

    /// <summary>An event whose <see cref="OutputJson"/> is made from <paramref name="outputUtf8"/> (owned by the event) on first use.</summary>
    internal ExecutedEvent(byte[]? outputUtf8, string promptId, string nodeId, string? displayNodeId, IReadOnlyList<OutputFile> files)
        : this(promptId, nodeId, displayNodeId, files, null)
    {
        _outputUtf8 = outputUtf8;
    }

    /// <summary>The raw <c>output</c> object, or null when the node had no UI.</summary>
    public string? OutputJson
    {
        get
        {
            var json = Volatile.Read(ref _outputJson);
            if (json is null && _outputUtf8 is not null)
            {
                // Two threads may both make it; the strings are equal.
                json = System.Text.Encoding.UTF8.GetString(_outputUtf8);
                Volatile.Write(ref _outputJson, json);
            }

            return json;
        }

        init
        {
            _outputJson = value;
            _outputUtf8 = null;
        }
    }
}
