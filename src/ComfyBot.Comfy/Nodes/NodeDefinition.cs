using System.Diagnostics.CodeAnalysis;

namespace ComfyBot.Comfy.Nodes;

/// <summary>A node class as GET /object_info describes it.</summary>
public sealed class NodeDefinition
{
    private readonly Dictionary<string, NodeInput> _inputsByName;

    internal NodeDefinition(
        string classType,
        string displayName,
        string category,
        bool isOutputNode,
        IReadOnlyList<NodeInput> inputs,
        IReadOnlyList<NodeOutput> outputs)
    {
        ClassType = classType;
        DisplayName = displayName;
        Category = category;
        IsOutputNode = isOutputNode;
        Inputs = inputs;
        Outputs = outputs;
        _inputsByName = new Dictionary<string, NodeInput>(inputs.Count, StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            _inputsByName[input.Name] = input;
        }
    }

    /// <summary>The class name that API-format workflows use as <c>class_type</c>, e.g. <c>KSampler</c>.</summary>
    public string ClassType { get; }

    /// <summary>The human-readable name; the class name when the server gives none (V3 nodes may send null).</summary>
    public string DisplayName { get; }

    /// <summary>The menu category, e.g. <c>sampling</c> or <c>loaders</c>; empty when absent.</summary>
    public string Category { get; }

    /// <summary>Whether the class is an output node (<c>output_node</c>): a prompt needs at least one to run.</summary>
    public bool IsOutputNode { get; }

    /// <summary>Required inputs first, then optional ones, each in the server's <c>input_order</c>. Hidden inputs are left out.</summary>
    public IReadOnlyList<NodeInput> Inputs { get; }

    /// <summary>The output sockets, by index.</summary>
    public IReadOnlyList<NodeOutput> Outputs { get; }

    /// <summary>Finds a declared input by name (case-sensitive, as the server matches it).</summary>
    public bool TryGetInput(string name, [NotNullWhen(true)] out NodeInput? input) => _inputsByName.TryGetValue(name, out input);
}
