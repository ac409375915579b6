using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Tracking;

/// <summary>What the tracker needs from the submitted prompt: node titles and how many nodes there are.</summary>
internal sealed class PromptGraph
{
    private readonly Dictionary<string, string> _titles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _classes = new(StringComparer.Ordinal);

    public PromptGraph(JsonObject? prompt)
    {
        if (prompt is null)
        {
            return;
        }

        foreach (var (id, node) in prompt)
        {
            if (node is not JsonObject obj)
            {
                continue;
            }

            NodeCount++;
            if (obj["class_type"] is JsonValue cls && cls.TryGetValue<string>(out var classType))
            {
                _classes[id] = classType;
            }

            if (obj["_meta"] is JsonObject meta && meta["title"] is JsonValue title && title.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
            {
                _titles[id] = text;
            }
        }
    }

    /// <summary>Nodes in the prompt; 0 when the prompt is unknown.</summary>
    public int NodeCount { get; }

    public string? TitleOf(string? nodeId) =>
        nodeId is null ? null : _titles.GetValueOrDefault(nodeId) ?? _classes.GetValueOrDefault(nodeId) ?? nodeId;

    /// <summary>Whether any node of the prompt is of one of these classes.</summary>
    public bool HasAny(ICollection<string> classTypes) => _classes.Values.Any(classTypes.Contains);

    public string? ClassOf(string? nodeId) => nodeId is null ? null : _classes.GetValueOrDefault(nodeId);
}
