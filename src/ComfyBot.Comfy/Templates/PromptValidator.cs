using System.Text.Json.Nodes;
using ComfyBot.Comfy.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>
/// Checks a workflow against a server's catalogue the way POST /prompt would (comfyui-protocol §2.3), but reports every
/// problem at once, each with a fix, instead of the server's first failure.
/// </summary>
internal sealed class PromptValidator
{
    private readonly WorkflowGraph _graph;
    private readonly NodeCatalog _catalog;
    private readonly InputValueCheck _values;
    private readonly IReadOnlyDictionary<InputSlot, WorkflowParameter> _bound;
    private readonly IReadOnlySet<InputSlot> _placeholders;
    private readonly List<WorkflowProblem> _problems = [];

    private PromptValidator(
        WorkflowGraph graph,
        NodeCatalog catalog,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? models,
        IReadOnlyDictionary<InputSlot, WorkflowParameter> bound,
        IReadOnlySet<InputSlot> placeholders)
    {
        _graph = graph;
        _catalog = catalog;
        _values = new InputValueCheck(models);
        _bound = bound;
        _placeholders = placeholders;
    }

    /// <param name="graph">The workflow.</param>
    /// <param name="catalog">The server's node classes.</param>
    /// <param name="models">Files per model folder (GET /models/{folder}), when known.</param>
    /// <param name="bound">Inputs a parameter goes into: they must exist on their class.</param>
    /// <param name="placeholders">Inputs holding a placeholder: their value is checked only after rendering.</param>
    public static List<WorkflowProblem> Validate(
        WorkflowGraph graph,
        NodeCatalog catalog,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? models,
        IReadOnlyDictionary<InputSlot, WorkflowParameter> bound,
        IReadOnlySet<InputSlot> placeholders)
    {
        var validator = new PromptValidator(graph, catalog, models, bound, placeholders);
        var hasOutput = false;
        foreach (var node in graph.Nodes)
        {
            hasOutput |= validator.CheckNode(node);
        }

        if (!hasOutput && graph.Nodes.All(n => catalog.Contains(n.ClassType)))
        {
            validator._problems.Add(new WorkflowProblem(
                null,
                null,
                null,
                "the workflow has no output node, so the server refuses it (prompt_no_outputs)",
                "add an output node such as SaveImage or PreviewImage fed by the decoded image"));
        }

        return validator._problems;
    }

    /// <returns>Whether the node is a known output node.</returns>
    private bool CheckNode(WorkflowNode node)
    {
        if (!_catalog.TryGetNode(node.ClassType, out var definition))
        {
            var similar = _catalog.SuggestClasses(node.ClassType);
            Add(node, null, $"class '{node.ClassType}' is not on the server",
                similar.Count > 0
                    ? $"use one of {string.Join(", ", similar)} if that was meant, or install the custom node that provides '{node.ClassType}'"
                    : $"install the custom node that provides '{node.ClassType}' on the server, or replace the node");
            return false;
        }

        foreach (var input in definition.Inputs)
        {
            if (!node.Inputs.TryGetPropertyValue(input.Name, out var value))
            {
                if (input.IsRequired)
                {
                    Add(node, input.Name, $"required input '{input.Name}' ({input.Type}) is missing", MissingFix(input));
                }

                continue;
            }

            if (NodeLink.TryRead(value, out var link))
            {
                CheckLink(node, input, link);
            }
            else if (!_placeholders.Contains(new InputSlot(node.Id, input.Name)))
            {
                foreach (var (message, fix) in _values.Check(input, value))
                {
                    Add(node, input.Name, message, fix);
                }
            }
        }

        foreach (var (name, _) in node.Inputs)
        {
            if (!definition.TryGetInput(name, out _) && _bound.TryGetValue(new InputSlot(node.Id, name), out var parameter))
            {
                Add(node, name,
                    $"input '{name}' (bound to '{WorkflowParameterNames.Of(parameter)}') is not an input of {node.ClassType}, so the server ignores it",
                    $"bind '{WorkflowParameterNames.Of(parameter)}' to one of {node.ClassType}'s inputs: {string.Join(", ", definition.Inputs.Select(i => i.Name))}");
            }
        }

        return definition.IsOutputNode;
    }

    private void CheckLink(WorkflowNode node, NodeInput input, NodeLink link)
    {
        if (!_graph.TryGetNode(link.NodeId, out var source) || !_catalog.TryGetNode(source.ClassType, out var sourceDefinition))
        {
            return; // a missing node is refused at load; an unknown class is reported on that node
        }

        if (link.OutputIndex >= sourceDefinition.Outputs.Count)
        {
            Add(node, input.Name,
                $"'{input.Name}' links to output {link.OutputIndex} of node {source.Id} ({source.ClassType}), which has {Outputs(sourceDefinition)}",
                $"link to an output of {source.ClassType} that exists: {OutputChoices(sourceDefinition, input.Type)}");
            return;
        }

        var output = sourceDefinition.Outputs[link.OutputIndex];
        var matches = input.IsCombo
            ? output.Type is NodeInput.ComboType or "*"
            : SocketTypes.Match(output.Type, input.Type);
        if (!matches)
        {
            Add(node, input.Name,
                $"'{input.Name}' expects {input.Type} but is linked to output {link.OutputIndex} ({output.Name}: {output.Type}) of node {source.Id} ({source.ClassType})",
                $"link an output of type {input.Type} instead{SuggestOutput(sourceDefinition, input.Type)}");
        }
    }

    private static string MissingFix(NodeInput input) => input.Type switch
    {
        "INT" or "FLOAT" or "STRING" or "BOOLEAN" or NodeInput.ComboType =>
            $"add \"{input.Name}\": {(input.Default is { } value ? value.GetRawText() : "<value>")} to the node's inputs",
        _ => $"link an output of type {input.Type} to '{input.Name}'",
    };

    private static string Outputs(NodeDefinition definition) => definition.Outputs.Count == 0
        ? "no outputs"
        : $"{definition.Outputs.Count} output(s): {string.Join(", ", definition.Outputs.Select(o => $"{o.Index} {o.Type}"))}";

    private static string OutputChoices(NodeDefinition definition, string type) =>
        definition.Outputs.Count == 0 ? "none; link another node" : string.Join(", ", definition.Outputs.Select(o => $"{o.Index} ({o.Type})"))
            + $"; '{type}' is needed";

    private static string SuggestOutput(NodeDefinition definition, string type) =>
        definition.Outputs.FirstOrDefault(o => SocketTypes.Match(o.Type, type)) is { } right
            ? $", e.g. output {right.Index} ({right.Type}) of the same node"
            : string.Empty;

    private void Add(WorkflowNode node, string? input, string message, string fix) =>
        _problems.Add(new WorkflowProblem(node.Id, node.ClassType, input, message, fix));
}
