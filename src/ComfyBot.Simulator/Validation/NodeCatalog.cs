using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Validation;

/// <summary>
/// The node classes the simulator knows: the real ComfyUI 0.3.64 /object_info, embedded as a resource, so
/// validation and /object_info answer exactly as the recorded server did.
/// </summary>
internal sealed class NodeCatalog
{
    private const string ResourceName = "ComfyBot.Simulator.Resources.object_info.json";
    private readonly JsonObject _document;
    private readonly Dictionary<string, NodeClass> _classes = new(StringComparer.Ordinal);

    private NodeCatalog(JsonObject document)
    {
        _document = Sockets.JsonTrees.Materialize(document);
        foreach (var (name, info) in document)
        {
            if (info is JsonObject obj)
            {
                _classes[name] = NodeClass.From(name, obj);
            }
        }
    }

    /// <summary>The recorded catalogue, less <paramref name="missing"/> (classes of a custom node pack this server lacks).</summary>
    public static NodeCatalog LoadEmbedded(IEnumerable<string>? missing = null)
    {
        using var stream = typeof(NodeCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing; check the EmbeddedResource item in ComfyBot.Simulator.csproj.");
        var document = JsonNode.Parse(stream) as JsonObject
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is not a JSON object.");
        foreach (var classType in missing ?? [])
        {
            document.Remove(classType);
        }

        return new NodeCatalog(document);
    }

    public int Count => _classes.Count;

    public bool TryGet(string classType, out NodeClass nodeClass) => _classes.TryGetValue(classType, out nodeClass!);

    /// <summary>A fresh copy of the whole document, or of one class, for /object_info to adjust and send.</summary>
    public JsonObject CopyDocument() => (JsonObject)_document.DeepClone();

    public JsonObject? CopyClass(string classType) => _document[classType]?.DeepClone() as JsonObject;

    /// <summary>Names listed for a combo input, e.g. the checkpoints of CheckpointLoaderSimple.ckpt_name.</summary>
    public IReadOnlyList<string> ComboOptions(string classType, string input)
    {
        if (!TryGet(classType, out var node))
        {
            return [];
        }

        var spec = node.Inputs.FirstOrDefault(i => i.Name == input);
        return spec?.ComboOptions?.Select(o => o?.ToString() ?? "").ToList() ?? [];
    }
}
