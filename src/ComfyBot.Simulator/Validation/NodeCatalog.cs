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
    private IReadOnlyCollection<string> _missing = [];
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _models = new Dictionary<string, IReadOnlyList<string>>();

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

    /// <summary>
    /// The model folder a loader's file combo lists, by input name, as ComfyUI's nodes.py fills them from
    /// folder_paths.get_filename_list (the bot's ModelFolders has the full table).
    /// </summary>
    private static readonly Dictionary<string, string> ModelInputs = new(StringComparer.Ordinal)
    {
        ["ckpt_name"] = "checkpoints",
        ["lora_name"] = "loras",
        ["vae_name"] = "vae",
        ["upscale_model_name"] = "upscale_models",
        ["control_net_name"] = "controlnet",
        ["unet_name"] = "diffusion_models",
    };

    /// <summary>
    /// The recorded catalogue, less <paramref name="missing"/> (classes of a custom node pack this server lacks), with the
    /// loaders' file combos listing <paramref name="models"/> where a folder is given.
    /// </summary>
    public static NodeCatalog LoadEmbedded(IEnumerable<string>? missing = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? models = null)
    {
        using var stream = typeof(NodeCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing; check the EmbeddedResource item in ComfyBot.Simulator.csproj.");
        var document = JsonNode.Parse(stream) as JsonObject
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is not a JSON object.");
        foreach (var classType in missing ?? [])
        {
            document.Remove(classType);
        }

        foreach (var (_, info) in document)
        {
            if (info?["input"] is not JsonObject sections)
            {
                continue;
            }

            foreach (var (_, section) in sections)
            {
                if (section is not JsonObject inputs)
                {
                    continue;
                }

                foreach (var (input, spec) in inputs)
                {
                    if (spec is JsonArray { Count: > 0 } array && array[0] is JsonArray
                        && ModelInputs.TryGetValue(input, out var folder) && models is not null && models.TryGetValue(folder, out var files))
                    {
                        array[0] = new JsonArray([.. files.Select(f => (JsonNode?)JsonValue.Create(f))]);
                    }
                }
            }
        }

        return new NodeCatalog(document) { _missing = [.. missing ?? []], _models = models ?? new Dictionary<string, IReadOnlyList<string>>() };
    }

    /// <summary>The same server with <paramref name="files"/> in models/<paramref name="folder"/> instead (a file copied in or removed).</summary>
    public NodeCatalog WithModels(string folder, IReadOnlyList<string> files)
    {
        var models = new Dictionary<string, IReadOnlyList<string>>(_models, StringComparer.Ordinal) { [folder] = files };
        return LoadEmbedded(_missing, models);
    }

    public int Count => _classes.Count;

    public bool TryGet(string classType, out NodeClass nodeClass) => _classes.TryGetValue(classType, out nodeClass!);

    /// <summary>A fresh copy of the whole document, or of one class, for /object_info to adjust and send.</summary>
    public JsonObject CopyDocument() => (JsonObject)_document.DeepClone();

    public JsonObject? CopyClass(string classType) => _document[classType]?.DeepClone() as JsonObject;

    /// <summary>The files of a model folder as GET /models/{folder} lists them: those its loaders' combos list.</summary>
    public IReadOnlyList<string> ModelFiles(string folder)
    {
        if (_models.TryGetValue(folder, out var given))
        {
            return given;
        }

        var input = ModelInputs.FirstOrDefault(p => p.Value == folder).Key;
        if (input is null)
        {
            return [];
        }

        return _classes.Values
            .SelectMany(c => c.Inputs.Where(i => i.Name == input && i.ComboOptions is not null).SelectMany(i => i.ComboOptions!.Select(o => o?.ToString() ?? "")))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

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
