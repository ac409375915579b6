using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>One node of an API-format workflow, after the structural checks.</summary>
internal sealed record WorkflowNode(string Id, string ClassType, JsonObject Inputs)
{
    /// <summary>The input's link, when the input exists and is one.</summary>
    public bool TryGetLink(string inputName, out NodeLink link)
    {
        link = default;
        return Inputs.TryGetPropertyValue(inputName, out var value) && NodeLink.TryRead(value, out link);
    }

    /// <summary>The input's constant value when it exists and is not a link.</summary>
    public bool TryGetConstant(string inputName, out JsonNode? value) =>
        Inputs.TryGetPropertyValue(inputName, out value) && value is not JsonArray;

    public override string ToString() => $"{ClassType} {Id}";
}
