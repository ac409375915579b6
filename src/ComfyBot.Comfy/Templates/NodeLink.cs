using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>A link input: <c>["source node id", output index]</c>.</summary>
internal readonly record struct NodeLink(string NodeId, int OutputIndex)
{
    /// <summary>Reads a well-formed link; anything else (constants, malformed arrays) is not one.</summary>
    public static bool TryRead(JsonNode? value, out NodeLink link)
    {
        if (value is JsonArray { Count: 2 } array
            && array[0] is JsonValue id && id.GetValueKind() == JsonValueKind.String
            && array[1] is JsonValue index && index.GetValueKind() == JsonValueKind.Number
            && index.TryGetValue<int>(out var outputIndex) && outputIndex >= 0)
        {
            link = new NodeLink(id.GetValue<string>(), outputIndex);
            return true;
        }

        link = default;
        return false;
    }
}
