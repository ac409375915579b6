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

        foreach (var bound in binding.Inputs)
        {
            if (templateValue is null && bound.Source != BindingSource.Placeholder
                && graph.TryGetNode(bound.NodeId, out var node) && node.TryGetConstant(bound.InputName, out var value) && value is not null)
            {
                using var document = JsonDocument.Parse(value.ToJsonString());
                templateValue = document.RootElement.Clone();
            }

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

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
