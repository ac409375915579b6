using ComfyBot.Comfy.Templates;
using ComfyBot.Hosting;

namespace ComfyBot.SlashCommands;

/// <summary>
/// /imagine: checks what needs no I/O (workflow, options the template takes, their bounds) and answers a problem
/// with an ephemeral message at once; otherwise defers within 3 s, submits the job (policy, store, queue) and leaves
/// the reply to the job's view. A refusal after the deferral removes the "thinking…" and tells the member alone.
/// </summary>
internal sealed class ImagineCommand : ISlashCommand
{
    public string Route => "imagine";

    public async Task HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var interaction = invocation.Interaction;
        var request = ImagineRequest.Read(interaction.Command!, out var error);
        var runtime = invocation.Runtime;
        var template = request.Workflow is null
            ? runtime.Templates[0]
            : runtime.Templates.FirstOrDefault(t => string.Equals(t.Settings.Name, request.Workflow, StringComparison.OrdinalIgnoreCase));
        if (template is null)
        {
            error ??= $"There is no workflow named '{request.Workflow}'; pick one of: {string.Join(", ", runtime.Templates.Select(t => t.Settings.Name))} (see /workflows).";
        }
        else
        {
            error ??= TemplateBounds.Check(template, request.Parameters, request.Image is not null);
            error ??= Unrunnable(runtime, template);
        }

        if (error is not null || template is null)
        {
            await invocation.TellAsync(error!, cancellationToken);
            return;
        }

        // Discord requires a prompt; a template that draws none (e.g. a fixed test graph) just ignores it.
        var parameters = template.Template.Accepts(WorkflowParameter.Prompt) ? request.Parameters : request.Parameters with { Prompt = null };
        await JobSubmitter.SubmitAsync(invocation, template.Settings.Name, parameters, cancellationToken);
    }

    /// <summary>
    /// When every GPU server whose catalogue is known refuses the template, the job would wait forever: say why now,
    /// naming the node and input (the servers' catalogues are cached, so this costs no I/O).
    /// </summary>
    private static string? Unrunnable(BotRuntime runtime, LoadedTemplate template)
    {
        var verdicts = runtime.Monitor.Backends.Select(b => b.Check(template.Template)).OfType<IReadOnlyList<WorkflowProblem>>().ToList();
        if (verdicts.Count == 0 || verdicts.Any(v => v.Count == 0))
        {
            return null;
        }

        var problems = verdicts[0];
        var shown = string.Join("; ", problems.Take(3).Select(p => p.ToString()));
        var more = problems.Count > 3 ? $" (and {problems.Count - 3} more)" : string.Empty;
        return $"The workflow '{template.Settings.Name}' cannot run on any GPU server: {shown}{more}. Ask an admin to fix the template (`comfybot check-workflow` lists every problem).";
    }
}
