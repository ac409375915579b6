using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Validation;

/// <summary>What validation and execution need from one /object_info entry.</summary>
internal sealed record NodeClass(string Name, bool IsOutputNode, IReadOnlyList<string> OutputTypes, IReadOnlyList<InputSpec> Inputs)
{
    public static NodeClass From(string name, JsonObject info)
    {
        var inputs = new List<InputSpec>();
        if (info["input"] is JsonObject input)
        {
            foreach (var category in new[] { "required", "optional" })
            {
                if (input[category] is not JsonObject group)
                {
                    continue;
                }

                foreach (var (inputName, spec) in group)
                {
                    if (spec is JsonArray array && array.Count > 0)
                    {
                        var extra = array.Count > 1 && array[1] is JsonObject e ? e : [];
                        inputs.Add(new InputSpec(inputName, category == "required", array[0]!, extra));
                    }
                }
            }
        }

        var outputs = info["output"] is JsonArray o ? o.Select(x => x?.ToString() ?? "").ToList() : [];
        var isOutput = info["output_node"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        return new NodeClass(name, isOutput, outputs, inputs);
    }
}
