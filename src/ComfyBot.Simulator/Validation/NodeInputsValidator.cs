using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Validation;

/// <summary>
/// ComfyUI's validate_inputs for one prompt: checks one node's declared inputs and recurses through links,
/// remembering each node's verdict so every node is judged once.
/// </summary>
internal sealed class NodeInputsValidator
{
    private const string RecursionFrame = "  File \"execution.py\", line 808, in validate_inputs\n    r = await validate_inputs(prompt_id, prompt, o_id, validated)\n";

    // Nodes whose VALIDATE_INPUTS takes over an input: no min/max/combo check, a file check instead.
    private static readonly Dictionary<string, string> FileCheckedInputs = new(StringComparer.Ordinal)
    {
        ["LoadImage"] = "image",
        ["LoadImageMask"] = "image",
    };

    private readonly NodeCatalog _catalog;
    private readonly Func<string, bool> _inputFileExists;
    private readonly JsonObject _prompt;
    private readonly Dictionary<string, NodeVerdict> _validated;

    public NodeInputsValidator(NodeCatalog catalog, Func<string, bool> inputFileExists, JsonObject prompt, Dictionary<string, NodeVerdict> validated)
    {
        _catalog = catalog;
        _inputFileExists = inputFileExists;
        _prompt = prompt;
        _validated = validated;
    }

    public NodeVerdict Validate(string id)
    {
        if (_validated.TryGetValue(id, out var known))
        {
            return known;
        }

        var node = _prompt[id] as JsonObject
            ?? throw new PythonException("KeyError", PyRepr.Quote(id), [Frame(788, "o_class_type = prompt[o_id]['class_type']")]);
        if (node["inputs"] is not JsonObject inputs)
        {
            throw new PythonException("KeyError", "'inputs'", [Frame(741, "inputs = prompt[unique_id]['inputs']")]);
        }

        _catalog.TryGet(PyRepr.Str(node["class_type"]), out var nodeClass);
        var fileChecked = FileCheckedInputs.GetValueOrDefault(nodeClass.Name);
        var errors = new JsonArray();
        var valid = true;
        foreach (var spec in nodeClass.Inputs)
        {
            if (!inputs.TryGetPropertyValue(spec.Name, out var value))
            {
                if (spec.Required)
                {
                    errors.Add(Error("required_input_missing", "Required input is missing", spec.Name, new JsonObject { ["input_name"] = spec.Name }));
                }

                continue;
            }

            if (value is JsonArray link)
            {
                valid &= CheckLink(spec, link, errors);
            }
            else
            {
                CheckConstant(spec, inputs, value, spec.Name == fileChecked, errors);
            }
        }

        if (fileChecked is not null && inputs.TryGetPropertyValue(fileChecked, out var file))
        {
            var name = PyRepr.Str(file);
            if (!_inputFileExists(name))
            {
                errors.Add(Error("custom_validation_failed", "Custom validation failed for node", $"{fileChecked} - Invalid image file: {name}", new JsonObject { ["input_name"] = fileChecked }));
            }
        }

        var verdict = new NodeVerdict(valid && errors.Count == 0, errors);
        _validated[id] = verdict;
        return verdict;
    }

    /// <summary>Checks one link; returns false when the linked node is invalid (its own errors are recorded there).</summary>
    private bool CheckLink(InputSpec spec, JsonArray link, JsonArray errors)
    {
        if (link.Count != 2)
        {
            errors.Add(Error("bad_linked_input", "Bad linked input, must be a length-2 list of [node_id, slot_index]", spec.Name, new JsonObject
            {
                ["input_name"] = spec.Name,
                ["input_config"] = spec.InputConfig(),
                ["received_value"] = link.DeepClone(),
            }));
            return true;
        }

        // These raise inside the linked node's frame in ComfyUI; the caller's frame turns them into
        // exception_during_inner_validation, or the output loop into exception_during_validation.
        var sourceId = link[0] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (sourceId is null || _prompt[sourceId] is not JsonObject source)
        {
            throw new PythonException("KeyError", PyRepr.Repr(link[0]), [Frame(788, "o_class_type = prompt[o_id]['class_type']")]);
        }

        _catalog.TryGet(PyRepr.Str(source["class_type"]), out var sourceClass);
        var slot = ReadSlot(link[1], sourceClass.OutputTypes.Count);
        var receivedType = sourceClass.OutputTypes[slot];
        if (!TypesMatch(receivedType, spec.Type))
        {
            errors.Add(Error("return_type_mismatch", "Return type mismatch between linked nodes",
                $"{spec.Name}, received_type({receivedType}) mismatch input_type({PyRepr.Str(spec.Type)})", new JsonObject
                {
                    ["input_name"] = spec.Name,
                    ["input_config"] = spec.InputConfig(),
                    ["received_type"] = receivedType,
                    ["linked_node"] = link.DeepClone(),
                }));
            return true;
        }

        try
        {
            return Validate(sourceId).IsValid;
        }
        catch (PythonException ex)
        {
            var reasons = new JsonArray(Error("exception_during_inner_validation", "Exception when validating inner node", ex.PythonMessage, new JsonObject
            {
                ["input_name"] = spec.Name,
                ["input_config"] = spec.InputConfig(),
                ["exception_message"] = ex.PythonMessage,
                ["exception_type"] = ex.PythonType,
                ["traceback"] = new JsonArray([RecursionFrame, .. ex.Traceback.Select(t => (JsonNode?)JsonValue.Create(t))]),
                ["linked_node"] = link.DeepClone(),
            }));
            _validated[sourceId] = new NodeVerdict(false, reasons);
            return false;
        }
    }

    private static int ReadSlot(JsonNode? slotNode, int outputCount)
    {
        var text = slotNode?.GetValueKind() == JsonValueKind.Number ? slotNode.ToJsonString() : null;
        if (text is null || !int.TryParse(text, out var slot))
        {
            throw new PythonException("TypeError", $"tuple indices must be integers or slices, not {PyConvert.PyTypeName(slotNode)}", [Frame(790, "received_type = r[val[1]]")]);
        }

        // Python accepts negative indices from the end.
        var index = slot < 0 ? outputCount + slot : slot;
        if (index < 0 || index >= outputCount)
        {
            throw new PythonException("IndexError", "tuple index out of range", [Frame(790, "received_type = r[val[1]]")]);
        }

        return index;
    }

    private static void CheckConstant(InputSpec spec, JsonObject inputs, JsonNode? value, bool fileChecked, JsonArray errors)
    {
        if (value is JsonObject wrapped && wrapped.TryGetPropertyValue("__value__", out var inner))
        {
            value = inner?.DeepClone();
            inputs[spec.Name] = value;
        }

        var typeName = spec.TypeName;
        PyConvert.Converted converted;
        try
        {
            converted = PyConvert.Convert(typeName ?? "", value);
        }
        catch (PythonException ex)
        {
            errors.Add(Error("invalid_input_type", $"Failed to convert an input value to a {typeName} value",
                $"{spec.Name}, {PyRepr.Str(value)}, {ex.PythonMessage}", new JsonObject
                {
                    ["input_name"] = spec.Name,
                    ["input_config"] = spec.InputConfig(),
                    ["received_value"] = value?.DeepClone(),
                    ["exception_message"] = ex.PythonMessage,
                }));
            return;
        }

        if (!ReferenceEquals(converted.Node, value))
        {
            inputs[spec.Name] = converted.Node;
            value = converted.Node;
        }

        if (fileChecked)
        {
            return;
        }

        if (spec.Extra["min"] is JsonValue min && Compare(converted, value, min) < 0)
        {
            errors.Add(RangeError("value_smaller_than_min", $"Value {converted.Display} smaller than min of {PyRepr.Str(min)}", spec, value));
            return;
        }

        if (spec.Extra["max"] is JsonValue max && Compare(converted, value, max) > 0)
        {
            errors.Add(RangeError("value_bigger_than_max", $"Value {converted.Display} bigger than max of {PyRepr.Str(max)}", spec, value));
            return;
        }

        if (spec.ComboOptions is { } options && !options.Any(o => PyEquals(o, value)))
        {
            var large = options.Count > 20;
            var listInfo = large ? $"(list of length {options.Count})" : PyRepr.Repr(options);
            errors.Add(Error("value_not_in_list", "Value not in list", $"{spec.Name}: '{PyRepr.Str(value)}' not in {listInfo}", new JsonObject
            {
                ["input_name"] = spec.Name,
                ["input_config"] = large ? null : spec.InputConfig(),
                ["received_value"] = value?.DeepClone(),
            }));
        }
    }

    private static JsonObject RangeError(string type, string message, InputSpec spec, JsonNode? value) =>
        Error(type, message, spec.Name, new JsonObject
        {
            ["input_name"] = spec.Name,
            ["input_config"] = spec.InputConfig(),
            ["received_value"] = value?.DeepClone(),
        });

    /// <summary>val &lt; limit in Python terms: exact for integers (seeds reach 2^64-1), float otherwise.</summary>
    private static int Compare(PyConvert.Converted converted, JsonNode? value, JsonValue limit)
    {
        if (PyConvert.Kind(value) is not (JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
        {
            throw new PythonException("TypeError", $"'<' not supported between instances of '{PyConvert.PyTypeName(value)}' and '{PyConvert.PyTypeName(limit)}'", []);
        }

        var limitText = limit.ToJsonString();
        var limitIsInt = limitText.IndexOfAny(['.', 'e', 'E']) < 0;
        if (converted.Integer is { } big && limitIsInt)
        {
            return big.CompareTo(BigInteger.Parse(limitText, System.Globalization.CultureInfo.InvariantCulture));
        }

        var left = converted.Float ?? (double?)converted.Integer ?? PyConvert.ParseDouble(value!.ToJsonString());
        return left.CompareTo(PyConvert.ParseDouble(limitText));
    }

    private static bool PyEquals(JsonNode? option, JsonNode? value)
    {
        var a = PyConvert.Kind(option);
        var b = PyConvert.Kind(value);
        if (a == JsonValueKind.String && b == JsonValueKind.String)
        {
            return option!.GetValue<string>() == value!.GetValue<string>();
        }

        if (a == JsonValueKind.Number && b == JsonValueKind.Number)
        {
            return PyConvert.ParseDouble(option!.ToJsonString()) == PyConvert.ParseDouble(value!.ToJsonString());
        }

        return PyRepr.Repr(option) == PyRepr.Repr(value);
    }

    /// <summary>validate_node_input: equal types, "*" on either side, or a shared member of comma-separated lists.</summary>
    internal static bool TypesMatch(string received, JsonNode inputType)
    {
        if (inputType is not JsonValue v || !v.TryGetValue<string>(out var expected))
        {
            return false;
        }

        if (received == expected)
        {
            return true;
        }

        var left = received.Split(',').Select(t => t.Trim()).ToHashSet(StringComparer.Ordinal);
        var right = expected.Split(',').Select(t => t.Trim()).ToHashSet(StringComparer.Ordinal);
        return left.Contains("*") || right.Contains("*") || left.Overlaps(right);
    }

    private static JsonObject Error(string type, string message, string details, JsonObject extra) =>
        ValidationOutcome.ErrorObject(type, message, details, extra);

    private static string Frame(int line, string code) => $"  File \"execution.py\", line {line}, in validate_inputs\n    {code}\n";
}
