using ComfyBot.Comfy.Templates;

namespace ComfyBot.Core.Backends;

/// <summary>
/// The /imagine options whose values come from a server's own lists (checkpoint, sampler, scheduler, LoRA), and which
/// of a job's chosen values a server lacks.
/// </summary>
public static class MemberChoices
{
    /// <summary>The parameters a member picks from a server's list, in the order messages name them.</summary>
    public static IReadOnlyList<WorkflowParameter> Listed { get; } =
        [WorkflowParameter.Checkpoint, WorkflowParameter.Sampler, WorkflowParameter.Scheduler, WorkflowParameter.Lora];

    /// <summary>The chosen value of a listed parameter, or null when the member left it out.</summary>
    public static string? ValueOf(WorkflowParameters parameters, WorkflowParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameter switch
        {
            WorkflowParameter.Checkpoint => parameters.Checkpoint,
            WorkflowParameter.Sampler => parameters.Sampler,
            WorkflowParameter.Scheduler => parameters.Scheduler,
            WorkflowParameter.Lora => parameters.Lora,
            _ => null,
        };
    }

    /// <summary>
    /// The chosen values <paramref name="backend"/> does not list for <paramref name="template"/>: empty when it has every
    /// one (or a parameter takes no list there, so the server alone judges the value).
    /// </summary>
    public static IReadOnlyList<(WorkflowParameter Parameter, string Value)> Lacking(Backend backend, WorkflowTemplate template, WorkflowParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var lacking = new List<(WorkflowParameter, string)>();
        foreach (var parameter in Listed)
        {
            if (ValueOf(parameters, parameter) is { } value
                && backend.ChoicesFor(template, parameter) is { } choices
                && !choices.Contains(value, StringComparer.Ordinal))
            {
                lacking.Add((parameter, value));
            }
        }

        return lacking;
    }
}
