using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Running;
using ComfyBot.Core.Workflows;
using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>
/// Upscale and Vary: run the follow-up workflow the job's template names on the job's first image, as a new reply
/// carried by the click's fresh token. The prompt and negative go along when the follow-up takes them.
/// </summary>
internal sealed class FollowUp(WorkflowCatalog catalog, JobService jobs, OwnedJob owned, JobSubmitter submitter)
{
    public async Task RunAsync(Invocation invocation, string argument, Func<WorkflowDefinition, string?> pick, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (await owned.LoadAsync(invocation, argument, cancellationToken) is not { } job)
        {
            return;
        }

        if (!catalog.TryGet(job.Workflow, out var source) || pick(source) is not { } name || !catalog.TryGet(name, out var target))
        {
            await invocation.TellAsync($"The workflow '{job.Workflow}' has no {action} follow-up configured any more; ask an admin, or use Re-roll.", cancellationToken);
            return;
        }

        // Fetching the image again from the GPU server may take longer than Discord's 3 seconds.
        await invocation.DeferAsync(ephemeral: false, cancellationToken);
        var image = await jobs.GetOutputImageAsync(job.Id, 0, cancellationToken);
        if (image is null)
        {
            await invocation.TellAsync($"The image of job {job.DisplayId} is no longer on its GPU server ({job.Backend ?? "unknown"}), so it cannot be used for {action}; start again with /imagine.", cancellationToken);
            return;
        }

        var accepted = target.Accepted;
        var parameters = new WorkflowParameters
        {
            Prompt = accepted.Contains(WorkflowParameter.Prompt) ? job.Parameters.Prompt : null,
            Negative = accepted.Contains(WorkflowParameter.Negative) ? job.Parameters.Negative : null,
        };
        await submitter.SubmitAsync(invocation, target.Name, parameters, image, job, cancellationToken);
    }
}
