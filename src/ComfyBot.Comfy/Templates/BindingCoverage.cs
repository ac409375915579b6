namespace ComfyBot.Comfy.Templates;

/// <summary>
/// Finds the member's values a template would drop without a word: a sampler reads a prompt, a negative or a seed, or
/// an empty latent has a size, but no binding puts the caller's value there (the value comes through a node that
/// auto-detection cannot follow), so the value saved in the workflow would be used instead.
/// </summary>
internal static class BindingCoverage
{
    public static List<WorkflowProblem> Check(WorkflowGraph graph, Func<WorkflowParameter, bool> accepts)
    {
        var problems = new List<WorkflowProblem>();
        var samplers = graph.Nodes.Where(n => GraphTracing.IsSampler(n.ClassType)).ToList();
        foreach (var parameter in new[] { WorkflowParameter.Prompt, WorkflowParameter.Negative })
        {
            if (accepts(parameter))
            {
                continue;
            }

            var reader = samplers
                .SelectMany(s => GraphTracing.ConditioningInputs(graph, s).Where(c => c.Parameter == parameter).Select(c => (Sampler: s, c.Input.Name)))
                .FirstOrDefault();
            if (reader.Sampler is { } sampler)
            {
                problems.Add(Unbound(parameter, sampler, reader.Name, "text", "the text that reaches it comes from a node auto-detection cannot follow"));
            }
        }

        var seeded = graph.Nodes.FirstOrDefault(n => n.ClassType is "KSampler" or "KSamplerAdvanced" or "SamplerCustom" or "RandomNoise");
        if (!accepts(WorkflowParameter.Seed) && seeded is not null)
        {
            var input = seeded.ClassType == "KSampler" ? "seed" : "noise_seed";
            problems.Add(Unbound(WorkflowParameter.Seed, seeded, input, input, "its value comes from a node auto-detection cannot follow"));
        }

        var latent = graph.Nodes.FirstOrDefault(n => n.ClassType.StartsWith("Empty", StringComparison.Ordinal) && n.ClassType.Contains("Latent", StringComparison.Ordinal));
        if (latent is not null)
        {
            foreach (var (parameter, input) in new[] { (WorkflowParameter.Width, "width"), (WorkflowParameter.Height, "height") })
            {
                if (!accepts(parameter))
                {
                    problems.Add(Unbound(parameter, latent, input, input, "its value comes from a node auto-detection cannot follow"));
                }
            }
        }

        return problems;
    }

    private static WorkflowProblem Unbound(WorkflowParameter parameter, WorkflowNode node, string input, string valueInput, string why)
    {
        var name = WorkflowParameterNames.Of(parameter);
        return new WorkflowProblem(
            node.Id,
            node.ClassType,
            input,
            $"nothing takes the member's {name}: {why}, so /imagine would ignore the {name} given and use the one saved in the workflow",
            $"bind it to the input that holds the value: add \"{name}\": [\"<node id>.inputs.{valueInput}\"] to the template's Bindings "
            + $"(try it with check-workflow --bind {name}=<node id>.inputs.{valueInput}), or put \"{{{{{name}}}}}\" in that input");
    }
}
