using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ComfyBot.Comfy.Nodes;

/// <summary>
/// The node classes a ComfyUI server offers, as its GET /object_info describes them.
/// </summary>
public sealed class NodeCatalog
{
    private readonly Dictionary<string, NodeDefinition> _nodes;

    private NodeCatalog(Dictionary<string, NodeDefinition> nodes) => _nodes = nodes;

    /// <summary>How many node classes the server offers.</summary>
    public int Count => _nodes.Count;

    /// <summary>Every node class, in no particular order.</summary>
    public IReadOnlyCollection<NodeDefinition> Nodes => _nodes.Values;

    /// <summary>Reads a catalogue from the JSON object that GET /object_info returns.</summary>
    /// <param name="objectInfo">The root object: class_type → node info.</param>
    /// <exception cref="FormatException">The JSON is not shaped like object_info; the message names the class and input.</exception>
    public static NodeCatalog Parse(JsonElement objectInfo)
    {
        if (objectInfo.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException(
                $"object_info must be a JSON object mapping class_type to node info (what GET /object_info returns); got {objectInfo.ValueKind}.");
        }

        var nodes = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);
        foreach (var entry in objectInfo.EnumerateObject())
        {
            nodes[entry.Name] = NodeDefinitionReader.Read(entry.Name, entry.Value);
        }

        return new NodeCatalog(nodes);
    }

    /// <summary>Whether the server offers <paramref name="classType"/>.</summary>
    public bool Contains(string classType) => _nodes.ContainsKey(classType);

    /// <summary>Finds a node class by its exact (case-sensitive) class name.</summary>
    public bool TryGetNode(string classType, [NotNullWhen(true)] out NodeDefinition? node) => _nodes.TryGetValue(classType, out node);

    /// <summary>Gets a node class by its exact class name.</summary>
    /// <exception cref="KeyNotFoundException">The server does not offer the class; the message suggests close names.</exception>
    public NodeDefinition GetNode(string classType)
    {
        if (_nodes.TryGetValue(classType, out var node))
        {
            return node;
        }

        var similar = SuggestClasses(classType);
        var hint = similar.Count > 0 ? $" Did you mean: {string.Join(", ", similar)}?" : string.Empty;
        throw new KeyNotFoundException($"Node class '{classType}' is not in the catalogue ({Count} classes).{hint}");
    }

    /// <summary>Up to three class names close to <paramref name="classType"/> (case or a few typos apart), best first.</summary>
    public IReadOnlyList<string> SuggestClasses(string classType)
    {
        var limit = Math.Max(2, classType.Length / 4);
        return _nodes.Keys
            .Select(name => (name, distance: EditDistance.Between(classType, name, limit)))
            .Where(candidate => candidate.distance <= limit)
            .OrderBy(candidate => candidate.distance)
            .ThenBy(candidate => candidate.name, StringComparer.Ordinal)
            .Take(3)
            .Select(candidate => candidate.name)
            .ToList();
    }
}
