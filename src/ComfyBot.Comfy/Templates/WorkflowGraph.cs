using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>
/// An API-format workflow checked for shape: an object of nodes, each with a class_type and an inputs object, every link
/// well formed and pointing at a node that exists. Classes and input names are checked later, against a server's catalogue.
/// </summary>
internal sealed class WorkflowGraph
{
    private const string ExportHint =
        "Export it in API format instead: in ComfyUI open Settings and enable the dev mode options "
        + "(\"Enable Dev mode Options\"), then use Workflow > Export (API) (older menus: \"Save (API Format)\").";

    private readonly Dictionary<string, WorkflowNode> _byId;

    private WorkflowGraph(JsonObject root, List<WorkflowNode> nodes)
    {
        Root = root;
        Nodes = nodes;
        _byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
    }

    /// <summary>The document as parsed; the template owns it and never changes it after loading.</summary>
    public JsonObject Root { get; }

    /// <summary>Nodes in document order.</summary>
    public IReadOnlyList<WorkflowNode> Nodes { get; }

    public bool TryGetNode(string id, [NotNullWhen(true)] out WorkflowNode? node) => _byId.TryGetValue(id, out node);

    public static WorkflowGraph Parse(string json, string source) => Parse(json, source, collected: null);

    /// <summary>
    /// Parses the workflow; with <paramref name="collected"/>, the problems of single nodes and links go there and the graph
    /// holds the nodes that read well, so a checker can go on to list every other problem. Problems with the document as a
    /// whole (not JSON, UI format) still throw: there is no graph to go on with.
    /// </summary>
    public static WorkflowGraph Parse(string json, string source, List<WorkflowTemplateException>? collected)
    {
        JsonNode? root;
        try
        {
            // Duplicate keys would make a node id or input ambiguous (and JsonObject throw later), so refuse them here.
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new WorkflowTemplateException(
                $"Workflow '{source}' is not valid JSON: {e.Message} Check the file was saved completely and is not a PNG or other format.", e);
        }

        return FromNode(root, source, collected);
    }

    public static WorkflowGraph FromNode(JsonNode? root, string source, List<WorkflowTemplateException>? collected = null)
    {
        if (root is not JsonObject workflow)
        {
            throw new WorkflowTemplateException(
                $"Workflow '{source}' must be a JSON object mapping node ids to nodes, like {{\"3\": {{\"class_type\": \"KSampler\", \"inputs\": {{...}}}}}}; "
                + $"got {Describe(root)}.");
        }

        if (workflow["nodes"] is JsonArray && workflow["links"] is JsonArray)
        {
            throw new WorkflowTemplateException(
                $"Workflow '{source}' is in ComfyUI's UI format (it has top-level \"nodes\" and \"links\" arrays), which the server cannot run. "
                + ExportHint);
        }

        if (workflow["prompt"] is JsonObject && workflow.All(p => p.Value is not JsonObject node || node["class_type"] is null))
        {
            throw new WorkflowTemplateException(
                $"Workflow '{source}' looks like a whole POST /prompt body; save only the object under \"prompt\" as the template.");
        }

        if (workflow.Count == 0)
        {
            throw new WorkflowTemplateException($"Workflow '{source}' has no nodes. {ExportHint}");
        }

        // Every node and link is looked at before refusing, so that one report lists every problem, not the first.
        var problems = new List<WorkflowTemplateException>();
        var nodes = new List<WorkflowNode>(workflow.Count);
        foreach (var (id, value) in workflow)
        {
            try
            {
                nodes.Add(ReadNode(source, id, value));
            }
            catch (WorkflowTemplateException e)
            {
                problems.Add(e);
            }
        }

        var graph = new WorkflowGraph(workflow, nodes);
        foreach (var node in nodes)
        {
            graph.CheckLinks(source, node, problems);
        }

        if (collected is not null)
        {
            collected.AddRange(problems);
            return graph;
        }

        return problems.Count switch
        {
            0 => graph,
            1 => throw problems[0],
            _ => throw new WorkflowTemplateException(
                $"Workflow '{source}' has {problems.Count} problems:" + string.Concat(problems.Select(p => $"\n- {p.Message}")),
                problems[0].NodeId,
                problems[0].InputName),
        };
    }

    private static WorkflowNode ReadNode(string source, string id, JsonNode? value)
    {
        if (value is not JsonObject node)
        {
            throw new WorkflowTemplateException(
                $"Workflow '{source}': node '{id}' must be an object with \"class_type\" and \"inputs\"; got {Describe(value)}.", id, null);
        }

        if (node["class_type"] is not JsonValue classValue || classValue.GetValueKind() != JsonValueKind.String
            || classValue.GetValue<string>() is not { Length: > 0 } classType)
        {
            throw new WorkflowTemplateException(
                $"Workflow '{source}': node '{id}' has no \"class_type\" string; every node needs one, e.g. \"class_type\": \"KSampler\".", id, null);
        }

        if (node["inputs"] is not JsonObject inputs)
        {
            throw new WorkflowTemplateException(
                $"Workflow '{source}': node '{id}' ({classType}) has no \"inputs\" object; write \"inputs\": {{}} when it takes none.", id, null);
        }

        return new WorkflowNode(id, classType, inputs);
    }

    private void CheckLinks(string source, WorkflowNode node, List<WorkflowTemplateException> problems)
    {
        foreach (var (name, value) in node.Inputs)
        {
            if (value is not JsonArray array)
            {
                continue;
            }

            var where = $"Workflow '{source}': node '{node.Id}' ({node.ClassType}) input '{name}'";
            if (NodeLink.TryRead(array, out var link))
            {
                // A node that is there but malformed has its own problem; only a missing one is this link's.
                if (!Root.ContainsKey(link.NodeId))
                {
                    problems.Add(new WorkflowTemplateException(
                        $"{where} links to node '{link.NodeId}', which is not in the workflow. Re-export the workflow or fix the link.",
                        node.Id,
                        name));
                }

                continue;
            }

            if (array.Count == 2 && array[0] is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
            {
                problems.Add(new WorkflowTemplateException(
                    $"{where} links with a numeric node id {array.ToJsonString()}; node ids in links must be strings: [\"{number.ToJsonString()}\", {array[1]?.ToJsonString()}].",
                    node.Id,
                    name));
                continue;
            }

            problems.Add(new WorkflowTemplateException(
                $"{where} is the list {Truncate(array.ToJsonString())}, which is not a link [\"<node id>\", <output index>]. "
                + "Wrap a list constant as {\"__value__\": [...]}.",
                node.Id,
                name));
        }
    }

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray => "an array",
        JsonObject => "an object",
        _ => $"the {value.GetValueKind().ToString().ToLowerInvariant()} {Truncate(value.ToJsonString())}",
    };

    private static string Truncate(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
