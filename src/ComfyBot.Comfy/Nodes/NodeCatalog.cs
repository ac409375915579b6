using System.Text.Json;

namespace ComfyBot.Comfy.Nodes;

/// <summary>
/// The node classes a ComfyUI server offers, as its GET /object_info describes them.
/// </summary>
public sealed class NodeCatalog
{
    /// <summary>Reads a catalogue from the JSON object that GET /object_info returns.</summary>
    /// <param name="objectInfo">The root object: class_type → node info.</param>
    public static NodeCatalog Parse(JsonElement objectInfo) => throw new NotImplementedException("Owned by the templates work; replaced there.");
}
