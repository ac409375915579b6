using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>Walks links backwards from samplers: to their text encoders, their model loader, and earlier samplers.</summary>
internal static class GraphTracing
{
    private const int MaxDepth = 32;

    private static readonly string[] Samplers = ["KSampler", "KSamplerAdvanced", "SamplerCustom", "SamplerCustomAdvanced"];

    private static readonly string[] TextInputs = ["text", "text_g", "text_l", "clip_l", "clip_g", "t5xxl"];

    public static bool IsSampler(string classType) => Samplers.Contains(classType);

    /// <summary>Whether the sampler refines another sampler's latent (refiner, hires fix) rather than starting a picture.</summary>
    public static bool StartsFromSampler(WorkflowGraph graph, WorkflowNode sampler)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { sampler.Id };
        var pending = new Stack<(string Id, int Depth)>();
        if (sampler.TryGetLink("latent_image", out var start))
        {
            pending.Push((start.NodeId, 1));
        }

        while (pending.TryPop(out var next))
        {
            if (!visited.Add(next.Id) || next.Depth > MaxDepth || !graph.TryGetNode(next.Id, out var node))
            {
                continue;
            }

            if (IsSampler(node.ClassType))
            {
                return true;
            }

            foreach (var (name, value) in node.Inputs)
            {
                if ((name.Contains("latent", StringComparison.Ordinal) || name.Contains("samples", StringComparison.Ordinal))
                    && NodeLink.TryRead(value, out var link))
                {
                    pending.Push((link.NodeId, next.Depth + 1));
                }
            }
        }

        return false;
    }

    /// <summary>The sampler's conditioning inputs (directly, or on its guider) and whether each carries the positive or negative text.</summary>
    public static IEnumerable<((string Name, NodeLink Link) Input, WorkflowParameter Parameter)> ConditioningInputs(
        WorkflowGraph graph, WorkflowNode sampler)
    {
        var holder = sampler;
        var prefix = string.Empty;
        if (sampler.TryGetLink("guider", out var guiderLink) && graph.TryGetNode(guiderLink.NodeId, out var guider))
        {
            holder = guider;
            prefix = $"guider {guider} ";
        }

        foreach (var (name, value) in holder.Inputs)
        {
            if (!NodeLink.TryRead(value, out var link))
            {
                continue;
            }

            WorkflowParameter? parameter = name switch
            {
                "positive" or "conditioning" or "cond1" or "cond2" => WorkflowParameter.Prompt,
                "negative" => WorkflowParameter.Negative,
                _ => null,
            };
            if (parameter is { } found)
            {
                yield return ((prefix + name, link), found);
            }
        }
    }

    /// <summary>The text inputs of the encoders that feed <paramref name="start"/>, with the conditioning nodes passed on the way.</summary>
    public static List<(WorkflowNode Encoder, string Input, string Via)> TraceText(WorkflowGraph graph, NodeLink start)
    {
        var found = new List<(WorkflowNode, string, string)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Walk(start, string.Empty, 0);
        return found;

        void Walk(NodeLink link, string via, int depth)
        {
            if (depth > MaxDepth || !visited.Add(link.NodeId) || !graph.TryGetNode(link.NodeId, out var node))
            {
                return;
            }

            if (node.ClassType.StartsWith("CLIPTextEncode", StringComparison.Ordinal))
            {
                foreach (var input in TextInputs)
                {
                    if (node.TryGetConstant(input, out var value) && value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
                    {
                        found.Add((node, input, via));
                    }
                    else if (node.TryGetLink(input, out var textLink) && TraceValue(graph, textLink, JsonValueKind.String) is { } source)
                    {
                        // The text comes from a value node (PrimitiveStringMultiline, a custom prompt node): bind it there.
                        found.Add((source.Node, source.Input, $"{via} via {node} {input}"));
                    }
                }

                return;
            }

            var hop = via.Length == 0 ? $" via {node}" : $"{via}, {node}";

            // Nodes that carry both (ControlNetApplyAdvanced, InpaintModelConditioning …) output positive at 0, negative at 1.
            if (node.TryGetLink("positive", out var positive) && node.TryGetLink("negative", out var negative))
            {
                if (link.OutputIndex <= 1)
                {
                    Walk(link.OutputIndex == 0 ? positive : negative, hop, depth + 1);
                }

                return;
            }

            foreach (var (name, value) in node.Inputs)
            {
                if (name.StartsWith("conditioning", StringComparison.Ordinal) && NodeLink.TryRead(value, out var next))
                {
                    Walk(next, hop, depth + 1);
                }
            }
        }
    }

    /// <summary>Input names a value node keeps its value under, most likely first.</summary>
    private static readonly string[] ValueInputs = ["value", "text", "string", "prompt", "seed", "noise_seed", "int", "number", "width", "height"];

    /// <summary>
    /// The constant at the far end of a link: the value node (PrimitiveString, PrimitiveStringMultiline, PrimitiveInt, a
    /// custom prompt or seed node) whose input holds the value, passing through nodes that only forward one link.
    /// Null when no single constant of that kind is found.
    /// </summary>
    public static (WorkflowNode Node, string Input)? TraceValue(WorkflowGraph graph, NodeLink link, JsonValueKind kind)
    {
        for (var depth = 0; depth < MaxDepth && graph.TryGetNode(link.NodeId, out var node); depth++)
        {
            var constants = node.Inputs
                .Where(i => node.TryGetConstant(i.Key, out var value) && value is JsonValue scalar && scalar.GetValueKind() == kind)
                .Select(i => i.Key)
                .ToList();
            if (ValueInputs.FirstOrDefault(constants.Contains) is { } named)
            {
                return (node, named);
            }

            if (constants.Count == 1)
            {
                return (node, constants[0]);
            }

            var links = node.Inputs.Where(i => NodeLink.TryRead(i.Value, out _)).ToList();
            if (constants.Count > 1 || links.Count != 1 || !NodeLink.TryRead(links[0].Value, out var next))
            {
                return null;
            }

            link = next;
        }

        return null;
    }

    /// <summary>The checkpoint loader whose MODEL reaches the sampler (through LoRA and model-patch nodes), if any.</summary>
    public static WorkflowNode? TraceModel(WorkflowGraph graph, WorkflowNode sampler)
    {
        var node = sampler;
        if (sampler.TryGetLink("guider", out var guiderLink) && graph.TryGetNode(guiderLink.NodeId, out var guider))
        {
            node = guider;
        }

        for (var depth = 0; depth < MaxDepth; depth++)
        {
            if (!node.TryGetLink("model", out var link) || !graph.TryGetNode(link.NodeId, out var source))
            {
                return node == sampler ? null : node;
            }

            node = source;
        }

        return null;
    }
}
