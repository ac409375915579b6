using System.Text.Json;
using ComfyBot.Comfy.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>Builds a <see cref="ParameterSpec"/> from a binding and the catalogue entries of the inputs it goes into.</summary>
internal static class ParameterSpecs
{
    public static ParameterSpec Describe(
        WorkflowGraph graph,
        ParameterBinding binding,
        NodeCatalog catalog,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? models)
    {
        decimal? minimum = null;
        decimal? maximum = null;
        decimal? step = null;
        List<string>? choices = null;
        JsonElement? templateValue = null;

        if (OwnValue(graph, binding) is { } own)
        {
            using var document = JsonDocument.Parse(own.ToJsonString());
            templateValue = document.RootElement.Clone();
        }

        foreach (var bound in binding.Inputs)
        {
            if (!catalog.TryGetNode(bound.ClassType, out var definition) || !definition.TryGetInput(bound.InputName, out var input))
            {
                continue;
            }

            minimum = Max(minimum, input.Minimum);
            maximum = Min(maximum, input.Maximum);
            step ??= input.Step;
            if (input.Options is not null && !input.IsUpload)
            {
                IEnumerable<string> accepted = input.ModelFolder is { } folder && models is not null && models.TryGetValue(folder, out var files)
                    ? files
                    : input.Options;
                choices = choices is null ? accepted.ToList() : choices.Intersect(accepted, StringComparer.Ordinal).ToList();
            }
        }

        return new ParameterSpec(binding.Parameter, binding.IsRequired, templateValue, minimum, maximum, step, choices);
    }

    /// <summary>The template's own value for <paramref name="binding"/>: the first bound input (not a placeholder) that holds one.</summary>
    public static System.Text.Json.Nodes.JsonNode? OwnValue(WorkflowGraph graph, ParameterBinding binding)
    {
        foreach (var bound in binding.Inputs)
        {
            if (bound.Source != BindingSource.Placeholder
                && graph.TryGetNode(bound.NodeId, out var node) && node.TryGetConstant(bound.InputName, out var value) && value is not null)
            {
                return value;
            }
        }

        return null;
    }

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
