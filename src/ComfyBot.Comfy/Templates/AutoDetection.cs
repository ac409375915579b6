using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>
/// Finds where each parameter goes by reading the graph the way a person would: seeds and sampling settings on the
/// samplers and their custom-sampler parts, text traced back from each sampler's positive and negative, size and batch on
/// the empty latent, the checkpoint on the loader feeding the first-pass sampler, the image on the LoadImage feeding an
/// encoder, the LoRA and its strength on the only LoRA loader. Only constant inputs are proposed; a linked input is left to whatever feeds it.
/// </summary>
internal static class AutoDetection
{
    private static readonly (string ClassType, string Input, WorkflowParameter Parameter)[] SettingRules =
    [
        ("KSampler", "seed", WorkflowParameter.Seed),
        ("KSamplerAdvanced", "noise_seed", WorkflowParameter.Seed),
        ("SamplerCustom", "noise_seed", WorkflowParameter.Seed),
        ("RandomNoise", "noise_seed", WorkflowParameter.Seed),
        ("KSampler", "steps", WorkflowParameter.Steps),
        ("KSamplerAdvanced", "steps", WorkflowParameter.Steps),
        ("BasicScheduler", "steps", WorkflowParameter.Steps),
        ("KSampler", "cfg", WorkflowParameter.Cfg),
        ("KSamplerAdvanced", "cfg", WorkflowParameter.Cfg),
        ("SamplerCustom", "cfg", WorkflowParameter.Cfg),
        ("CFGGuider", "cfg", WorkflowParameter.Cfg),
        ("KSampler", "sampler_name", WorkflowParameter.Sampler),
        ("KSamplerAdvanced", "sampler_name", WorkflowParameter.Sampler),
        ("KSamplerSelect", "sampler_name", WorkflowParameter.Sampler),
        ("KSampler", "scheduler", WorkflowParameter.Scheduler),
        ("KSamplerAdvanced", "scheduler", WorkflowParameter.Scheduler),
        ("BasicScheduler", "scheduler", WorkflowParameter.Scheduler),
        ("BasicScheduler", "denoise", WorkflowParameter.Denoise),
    ];

    private static readonly string[] LoraLoaders = ["LoraLoader", "LoraLoaderModelOnly"];

    private static readonly string[] CheckpointLoaders =
        ["CheckpointLoaderSimple", "CheckpointLoader", "ImageOnlyCheckpointLoader", "unCLIPCheckpointLoader"];

    /// <summary>Every proposal, grouped by nothing: the caller keeps those for parameters still unbound.</summary>
    public static List<DetectedInput> Detect(WorkflowGraph graph)
    {
        var found = new List<DetectedInput>();
        var samplers = graph.Nodes.Where(n => GraphTracing.IsSampler(n.ClassType)).ToList();
        var firstPass = samplers.Where(s => !GraphTracing.StartsFromSampler(graph, s)).ToList();

        foreach (var node in graph.Nodes)
        {
            foreach (var rule in SettingRules)
            {
                if (rule.ClassType != node.ClassType)
                {
                    continue;
                }

                // Only the seed is followed to a value node: a sampling setting fed by a link (a second pass's steps from a
                // PrimitiveInt, say) is the workflow's own choice, which the member's option must leave alone.
                if (rule.Parameter == WorkflowParameter.Seed)
                {
                    AddIfConstantOrTraced(graph, found, rule.Parameter, node, rule.Input, $"{rule.Input} of {node}");
                }
                else if (HasConstant(node, rule.Input))
                {
                    found.Add(new DetectedInput(rule.Parameter, node, rule.Input, $"{rule.Input} of {node}"));
                }
            }

            // A second pass (refiner, hires fix) keeps its own partial denoise; the caller's denoise is for the first pass.
            if (node.ClassType == "KSampler" && HasConstant(node, "denoise") && firstPass.Contains(node))
            {
                found.Add(new DetectedInput(WorkflowParameter.Denoise, node, "denoise", $"denoise of first-pass {node}"));
            }

            if (node.ClassType.StartsWith("Empty", StringComparison.Ordinal)
                && node.ClassType.Contains("Latent", StringComparison.Ordinal))
            {
                AddIfConstantOrTraced(graph, found, WorkflowParameter.Width, node, "width", $"width of {node}");
                AddIfConstantOrTraced(graph, found, WorkflowParameter.Height, node, "height", $"height of {node}");
                AddIfConstantOrTraced(graph, found, WorkflowParameter.Batch, node, "batch_size", $"batch_size of {node}");
            }
        }

        foreach (var sampler in samplers)
        {
            foreach (var (input, parameter) in GraphTracing.ConditioningInputs(graph, sampler))
            {
                foreach (var (encoder, textInput, via) in GraphTracing.TraceText(graph, input.Link))
                {
                    found.Add(new DetectedInput(
                        parameter, encoder, textInput, $"{textInput} of {encoder}, from {sampler} {input.Name}{via}"));
                }
            }
        }

        DetectCheckpoints(graph, firstPass, found);
        DetectImages(graph, found);
        DetectLora(graph, found);
        return found;
    }

    private static void DetectCheckpoints(WorkflowGraph graph, List<WorkflowNode> firstPass, List<DetectedInput> found)
    {
        var loaders = graph.Nodes.Where(n => CheckpointLoaders.Contains(n.ClassType) && HasConstant(n, "ckpt_name")).ToList();
        if (loaders.Count == 1)
        {
            found.Add(new DetectedInput(WorkflowParameter.Checkpoint, loaders[0], "ckpt_name", $"ckpt_name of the only loader, {loaders[0]}"));
            return;
        }

        // Several loaders (base + refiner): the checkpoint a caller picks is the one the first pass samples with.
        foreach (var sampler in firstPass)
        {
            if (GraphTracing.TraceModel(graph, sampler) is { } loader && loaders.Contains(loader))
            {
                found.Add(new DetectedInput(WorkflowParameter.Checkpoint, loader, "ckpt_name", $"ckpt_name of {loader}, the model of first-pass {sampler}"));
            }
        }
    }

    /// <summary>
    /// The LoRA of the only LoRA loader: with several chained, which one a member's choice replaces is the template
    /// author's call, so they bind it explicitly. The strength goes to the model's and (on LoraLoader) the clip's.
    /// </summary>
    private static void DetectLora(WorkflowGraph graph, List<DetectedInput> found)
    {
        var loaders = graph.Nodes.Where(n => LoraLoaders.Contains(n.ClassType)).ToList();
        if (loaders.Count != 1 || !HasConstant(loaders[0], "lora_name"))
        {
            return;
        }

        var loader = loaders[0];
        found.Add(new DetectedInput(WorkflowParameter.Lora, loader, "lora_name", $"lora_name of the only LoRA loader, {loader}"));
        foreach (var strength in (string[])["strength_model", "strength_clip"])
        {
            if (HasConstant(loader, strength))
            {
                found.Add(new DetectedInput(WorkflowParameter.LoraStrength, loader, strength, $"{strength} of the only LoRA loader, {loader}"));
            }
        }
    }

    private static void DetectImages(WorkflowGraph graph, List<DetectedInput> found)
    {
        var loads = graph.Nodes.Where(n => n.ClassType == "LoadImage" && HasConstant(n, "image")).ToList();
        if (loads.Count == 1)
        {
            found.Add(new DetectedInput(WorkflowParameter.Image, loads[0], "image", $"image of the only {loads[0]}"));
            return;
        }

        // With several images (e.g. a ControlNet hint beside the init image), the caller's image is the one being encoded.
        foreach (var load in loads)
        {
            var encoder = graph.Nodes.FirstOrDefault(n => n.ClassType.StartsWith("VAEEncode", StringComparison.Ordinal)
                && n.TryGetLink("pixels", out var link) && link.NodeId == load.Id);
            if (encoder is not null)
            {
                found.Add(new DetectedInput(WorkflowParameter.Image, load, "image", $"image of {load}, encoded by {encoder}"));
            }
        }
    }

    /// <summary>
    /// The input itself when it holds a value; else, when it is linked, the value node that feeds it (a PrimitiveInt for
    /// the seed or the size), so the caller's value lands where the workflow reads it.
    /// </summary>
    private static void AddIfConstantOrTraced(WorkflowGraph graph, List<DetectedInput> found, WorkflowParameter parameter, WorkflowNode node, string input, string detail)
    {
        if (HasConstant(node, input))
        {
            found.Add(new DetectedInput(parameter, node, input, detail));
        }
        else if (node.TryGetLink(input, out var link) && GraphTracing.TraceValue(graph, link, JsonValueKind.Number) is { } source)
        {
            found.Add(new DetectedInput(parameter, source.Node, source.Input, $"{source.Input} of {source.Node}, which feeds {detail}"));
        }
    }

    private static bool HasConstant(WorkflowNode node, string input) =>
        node.TryGetConstant(input, out var value) && value is JsonValue scalar
        && scalar.GetValueKind() is JsonValueKind.Number or JsonValueKind.String;
}
