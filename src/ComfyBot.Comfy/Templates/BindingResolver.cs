using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>
/// Decides where each parameter goes: configured paths first, then placeholders (both may bind the same parameter), then
/// auto-detection for parameters neither bound. An input belongs to one parameter only; a clash is an error. Every problem
/// of the configuration is collected rather than thrown at the first, so one report lists them all; a wrong entry is left
/// out, as if it were not configured.
/// </summary>
internal sealed class BindingResolver
{
    private readonly WorkflowGraph _graph;
    private readonly string _source;
    private readonly Dictionary<InputSlot, WorkflowParameter> _owners = [];
    private readonly SortedDictionary<WorkflowParameter, List<BoundInput>> _bound = [];

    private BindingResolver(WorkflowGraph graph, string source)
    {
        _graph = graph;
        _source = source;
    }

    /// <summary>What is wrong with the binding configuration or the placeholders, in the order found; empty when nothing is.</summary>
    public List<WorkflowTemplateException> Problems { get; } = [];

    /// <summary>Inputs that hold a placeholder, so the template has no value of its own there.</summary>
    public HashSet<InputSlot> PlaceholderSlots { get; } = [];

    public static BindingResolver Resolve(
        WorkflowGraph graph, string source, IReadOnlyDictionary<string, IReadOnlyList<string>>? configured, bool autoDetect)
    {
        var resolver = new BindingResolver(graph, source);
        if (configured is not null)
        {
            foreach (var (name, paths) in configured)
            {
                resolver.BindConfigured(name, paths);
            }
        }

        resolver.BindPlaceholders();
        if (autoDetect)
        {
            var explicitlyBound = resolver._bound.Keys.ToHashSet();
            foreach (var detected in AutoDetection.Detect(graph))
            {
                var slot = new InputSlot(detected.Node.Id, detected.InputName);
                if (!explicitlyBound.Contains(detected.Parameter) && !resolver._owners.ContainsKey(slot))
                {
                    resolver.Add(detected.Parameter, detected.Node, detected.InputName, BindingSource.AutoDetected, detected.Detail);
                }
            }
        }

        return resolver;
    }

    public List<ParameterBinding> ToBindings() => _bound.Select(p => new ParameterBinding(p.Key, p.Value)).ToList();

    private void BindConfigured(string name, IReadOnlyList<string>? paths)
    {
        if (!WorkflowParameterNames.TryParse(name, out var parameter))
        {
            Problems.Add(new WorkflowTemplateException(
                $"Template '{_source}': the binding configuration names unknown parameter '{name}'. "
                + $"Known parameters: {string.Join(", ", WorkflowParameterNames.All)}."));
            return;
        }

        if (paths is null || paths.Count == 0)
        {
            Problems.Add(new WorkflowTemplateException(
                $"Template '{_source}': the binding for '{name}' lists no paths; give one or more like \"3.inputs.seed\", or remove the entry."));
            return;
        }

        foreach (var path in paths)
        {
            if (!InputSlot.TryParse(path ?? string.Empty, out var slot))
            {
                Problems.Add(new WorkflowTemplateException(
                    $"Template '{_source}': binding path '{path}' for '{name}' is not of the form '<node id>.inputs.<input name>', e.g. '3.inputs.seed'."));
                continue;
            }

            if (!_graph.TryGetNode(slot.NodeId, out var node))
            {
                Problems.Add(new WorkflowTemplateException(
                    $"Template '{_source}': binding path '{path}' for '{name}' names node '{slot.NodeId}', which is not in the workflow. "
                    + $"Its nodes: {string.Join(", ", _graph.Nodes.Take(40).Select(n => $"{n.Id} ({n.ClassType})"))}.",
                    slot.NodeId,
                    slot.InputName));
                continue;
            }

            if (!node.Inputs.TryGetPropertyValue(slot.InputName, out var value))
            {
                Problems.Add(new WorkflowTemplateException(
                    $"Template '{_source}': binding path '{path}' for '{name}' names input '{slot.InputName}', which node '{node.Id}' ({node.ClassType}) does not have. "
                    + $"Its inputs: {string.Join(", ", node.Inputs.Select(i => i.Key))}.",
                    node.Id,
                    slot.InputName));
                continue;
            }

            if (value is JsonArray)
            {
                Problems.Add(new WorkflowTemplateException(
                    $"Template '{_source}': binding path '{path}' for '{name}' is a link, not a value; bind the constant at the node the link comes from.",
                    node.Id,
                    slot.InputName));
                continue;
            }

            Add(parameter, node, slot.InputName, BindingSource.Configuration, "configured path");
        }
    }

    private void BindPlaceholders()
    {
        foreach (var node in _graph.Nodes)
        {
            foreach (var (input, value) in node.Inputs)
            {
                if (Placeholders.FindEmbedded(value) is { } embedded && !Placeholders.TryRead(value, out _))
                {
                    Problems.Add(new WorkflowTemplateException(
                        $"Template '{_source}': node '{node.Id}' ({node.ClassType}) input '{input}' has {{{{{embedded}}}}} inside a longer text; "
                        + $"a placeholder must be the whole value (\"{{{{{embedded}}}}}\"), so the parameter replaces it exactly.",
                        node.Id,
                        input));
                    continue;
                }

                if (!Placeholders.TryRead(value, out var name))
                {
                    continue;
                }

                if (!WorkflowParameterNames.TryParse(name, out var parameter))
                {
                    Problems.Add(new WorkflowTemplateException(
                        $"Template '{_source}': node '{node.Id}' ({node.ClassType}) input '{input}' has unknown placeholder '{{{{{name}}}}}'. "
                        + $"Known placeholders: {string.Join(", ", WorkflowParameterNames.All.Select(n => "{{" + n + "}}"))}.",
                        node.Id,
                        input));
                    continue;
                }

                PlaceholderSlots.Add(new InputSlot(node.Id, input));
                Add(parameter, node, input, BindingSource.Placeholder, $"placeholder {{{{{name}}}}}");
            }
        }
    }

    private void Add(WorkflowParameter parameter, WorkflowNode node, string input, BindingSource source, string detail)
    {
        var slot = new InputSlot(node.Id, input);
        if (_owners.TryGetValue(slot, out var owner))
        {
            if (owner == parameter)
            {
                return;
            }

            Problems.Add(new WorkflowTemplateException(
                $"Template '{_source}': input {slot} ({node.ClassType}) is bound to both '{WorkflowParameterNames.Of(owner)}' and "
                + $"'{WorkflowParameterNames.Of(parameter)}'; an input takes one parameter. Remove one of the two bindings.",
                node.Id,
                input));
            return;
        }

        _owners[slot] = parameter;
        if (!_bound.TryGetValue(parameter, out var inputs))
        {
            _bound[parameter] = inputs = [];
        }

        inputs.Add(new BoundInput(node.Id, node.ClassType, input, source, detail));
    }
}
