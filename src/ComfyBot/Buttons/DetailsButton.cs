using System.Globalization;
using System.Text;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>Details (<c>details:&lt;job&gt;</c>): every parameter of the job and its seed, shown to the clicker alone.</summary>
internal sealed class DetailsButton(OwnedJob owned) : IButtonAction
{
    public string Prefix => "details";

    public async Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (await owned.LoadAsync(invocation, argument, cancellationToken) is not { } job)
        {
            return;
        }

        await invocation.TellAsync(Describe(job), cancellationToken);
    }

    /// <summary>The details text: workflow, state, every set parameter, the seed used, backend and times.</summary>
    public static string Describe(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**Job {job.DisplayId}** · workflow `{job.Workflow}` · {job.State}\n");
        foreach (var parameter in Enum.GetValues<WorkflowParameter>())
        {
            if (parameter != WorkflowParameter.Seed && job.Parameters.IsSet(parameter))
            {
                text.Append(CultureInfo.InvariantCulture, $"{WorkflowParameterNames.Of(parameter)}: {Value(job.Parameters, parameter)}\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"seed: {(job.Seed ?? job.Parameters.Seed)?.ToString(CultureInfo.InvariantCulture) ?? "chosen by the workflow"}\n");
        if (job.Backend is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"backend: {job.Backend}\n");
        }

        if (job.StartedAt is { } started && job.FinishedAt is { } finished)
        {
            text.Append(CultureInfo.InvariantCulture, $"time: {(finished - started).TotalSeconds:0.0}s\n");
        }

        return text.ToString().TrimEnd();
    }

    private static string Value(WorkflowParameters parameters, WorkflowParameter parameter) => parameter switch
    {
        WorkflowParameter.Prompt => MemberText.Escape(parameters.Prompt!),
        WorkflowParameter.Negative => MemberText.Escape(parameters.Negative!),
        WorkflowParameter.Width => Number(parameters.Width),
        WorkflowParameter.Height => Number(parameters.Height),
        WorkflowParameter.Batch => Number(parameters.Batch),
        WorkflowParameter.Steps => Number(parameters.Steps),
        WorkflowParameter.Cfg => Number(parameters.Cfg),
        WorkflowParameter.Sampler => parameters.Sampler!,
        WorkflowParameter.Scheduler => parameters.Scheduler!,
        WorkflowParameter.Checkpoint => parameters.Checkpoint!,
        WorkflowParameter.Denoise => Number(parameters.Denoise),
        WorkflowParameter.Image => parameters.Image!,
        _ => string.Empty,
    };

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? string.Empty;
}
