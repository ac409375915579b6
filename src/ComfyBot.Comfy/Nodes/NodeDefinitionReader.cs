using System.Text.Json;

namespace ComfyBot.Comfy.Nodes;

/// <summary>
/// Reads one class of GET /object_info. Tolerant of keys it does not know (servers add them often) and strict about the
/// few it needs, so a malformed custom node is named rather than silently misread.
/// </summary>
internal static class NodeDefinitionReader
{
    private static readonly string[] UploadFlags = ["image_upload", "file_upload", "audio_upload", "video_upload"];

    public static NodeDefinition Read(string classType, JsonElement info)
    {
        if (info.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"object_info entry '{classType}' must be an object with input/output keys; got {info.ValueKind}.");
        }

        var inputs = new List<NodeInput>();
        if (info.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object)
        {
            info.TryGetProperty("input_order", out var order);
            ReadSection(classType, input, order, "required", isRequired: true, inputs);
            ReadSection(classType, input, order, "optional", isRequired: false, inputs);
        }

        return new NodeDefinition(
            classType,
            displayName: StringOrNull(info, "display_name") is { Length: > 0 } display ? display : StringOrNull(info, "name") ?? classType,
            category: StringOrNull(info, "category") ?? string.Empty,
            isOutputNode: info.TryGetProperty("output_node", out var outputNode) && outputNode.ValueKind == JsonValueKind.True,
            inputs,
            ReadOutputs(info));
    }

    private static void ReadSection(
        string classType, JsonElement input, JsonElement order, string section, bool isRequired, List<NodeInput> into)
    {
        if (!input.TryGetProperty(section, out var specs) || specs.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        // input_order carries the server's ordering; JSON object order is kept too, so either gives the same list.
        IEnumerable<string> names = order.ValueKind == JsonValueKind.Object
            && order.TryGetProperty(section, out var ordered) && ordered.ValueKind == JsonValueKind.Array
            ? ordered.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!)
            : specs.EnumerateObject().Select(p => p.Name);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names.Concat(specs.EnumerateObject().Select(p => p.Name)))
        {
            if (seen.Add(name) && specs.TryGetProperty(name, out var spec))
            {
                into.Add(ReadInput(classType, name, spec, isRequired));
            }
        }
    }

    private static NodeInput ReadInput(string classType, string name, JsonElement spec, bool isRequired)
    {
        if (spec.ValueKind != JsonValueKind.Array || spec.GetArrayLength() == 0)
        {
            throw new FormatException(
                $"object_info '{classType}' input '{name}' must be an array [type, options]; got {Describe(spec)}.");
        }

        var head = spec[0];
        var settings = spec.GetArrayLength() > 1 && spec[1].ValueKind == JsonValueKind.Object ? spec[1] : default;
        string type;
        IReadOnlyList<string>? options = null;
        switch (head.ValueKind)
        {
            case JsonValueKind.Array:
                type = NodeInput.ComboType;
                options = ReadOptions(head);
                break;
            case JsonValueKind.String:
                type = head.GetString()!;
                if (type == NodeInput.ComboType)
                {
                    options = settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty("options", out var listed)
                        && listed.ValueKind == JsonValueKind.Array
                        ? ReadOptions(listed)
                        : [];
                }

                break;
            default:
                throw new FormatException(
                    $"object_info '{classType}' input '{name}' starts with {head.ValueKind}; expected a type name or a list of choices.");
        }

        var isCombo = type == NodeInput.ComboType;
        return new NodeInput(
            name,
            type,
            isRequired,
            options,
            settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty("default", out var value) ? value.Clone() : null,
            Number(settings, "min"),
            Number(settings, "max"),
            Number(settings, "step"),
            isCombo ? ModelFolders.For(classType, name) : null,
            isCombo && settings.ValueKind == JsonValueKind.Object
                && UploadFlags.Any(flag => settings.TryGetProperty(flag, out var on) && on.ValueKind == JsonValueKind.True));
    }

    private static List<string> ReadOptions(JsonElement list) =>
        list.EnumerateArray()
            .Select(option => option.ValueKind == JsonValueKind.String ? option.GetString()! : option.GetRawText())
            .ToList();

    private static List<NodeOutput> ReadOutputs(JsonElement info)
    {
        var outputs = new List<NodeOutput>();
        if (!info.TryGetProperty("output", out var types) || types.ValueKind != JsonValueKind.Array)
        {
            return outputs;
        }

        info.TryGetProperty("output_name", out var names);
        info.TryGetProperty("output_is_list", out var lists);
        var index = 0;
        foreach (var type in types.EnumerateArray())
        {
            // A list in place of a type name is a combo output (a node that emits one of a combo's choices).
            var typeName = type.ValueKind == JsonValueKind.String ? type.GetString()! : NodeInput.ComboType;
            var name = names.ValueKind == JsonValueKind.Array && index < names.GetArrayLength()
                && names[index].ValueKind == JsonValueKind.String ? names[index].GetString()! : typeName;
            var isList = lists.ValueKind == JsonValueKind.Array && index < lists.GetArrayLength()
                && lists[index].ValueKind == JsonValueKind.True;
            outputs.Add(new NodeOutput(index, typeName, name, isList));
            index++;
        }

        return outputs;
    }

    private static decimal? Number(JsonElement settings, string key) =>
        settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty(key, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? number
            : null;

    private static string? StringOrNull(JsonElement info, string key) =>
        info.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Describe(JsonElement element) =>
        element.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? element.ValueKind.ToString() : element.GetRawText();
}
