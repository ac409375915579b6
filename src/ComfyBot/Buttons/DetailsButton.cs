using System.Globalization;
using System.Text;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Workflows;
using ComfyBot.Replies;
using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>Details (<c>details:&lt;job&gt;</c>): every parameter of the job and its seed, shown to the clicker alone.</summary>
internal sealed class DetailsButton(OwnedJob owned, WorkflowCatalog catalog) : IButtonAction
{
    public string Prefix => "details";

    public async Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (await owned.LoadAsync(invocation, argument, cancellationToken) is not { } job)
        {
            return;
        }

        await invocation.TellAsync(Describe(job, catalog.TryGet(job.Workflow, out var definition) ? definition.Template : null), cancellationToken);
    }

    /// <summary>
    /// The details text, enough to reproduce the result: workflow and state, the seed first (never cut), every value
    /// the job ran with (the workflow's own where the member gave none, marked so), backend and time, then the prompt
    /// and negative, cut to what a message holds.
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="template">The job's workflow, for its own values; null when it is no longer configured.</param>
    public static string Describe(Job job, WorkflowTemplate? template)
    {
        ArgumentNullException.ThrowIfNull(job);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**Job {job.DisplayId}** · workflow `{job.Workflow}` · {job.State}\n");
        text.Append(CultureInfo.InvariantCulture, $"seed: {(job.Seed ?? job.Parameters.Seed)?.ToString(CultureInfo.InvariantCulture) ?? "chosen by the workflow"}\n");
        foreach (var parameter in Enum.GetValues<WorkflowParameter>())
        {
            if (parameter is WorkflowParameter.Seed or WorkflowParameter.Prompt or WorkflowParameter.Negative)
            {
                continue;
            }

            if (job.Parameters.IsSet(parameter))
            {
                text.Append(CultureInfo.InvariantCulture, $"{WorkflowParameterNames.Of(parameter)}: {MemberText.Escape(Value(job.Parameters, parameter))}\n");
            }
            else if (template?.TextOf(parameter) is { } own)
            {
                text.Append(CultureInfo.InvariantCulture, $"{WorkflowParameterNames.Of(parameter)}: {MemberText.Escape(own)} (workflow default)\n");
            }
        }

        if (template is null)
        {
            text.Append("(the workflow is no longer configured, so its own values cannot be shown)\n");
        }

        if (job.Backend is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"backend: {job.Backend}\n");
        }

        if (job.StartedAt is { } started && job.FinishedAt is { } finished)
        {
            text.Append(CultureInfo.InvariantCulture, $"time: {(finished - started).TotalSeconds:0.0}s\n");
        }

        // The texts last: a long prompt is cut to the room left, and never pushes the values above off the message.
        foreach (var parameter in (WorkflowParameter[])[WorkflowParameter.Prompt, WorkflowParameter.Negative])
        {
            var label = WorkflowParameterNames.Of(parameter) + ": ";
            var value = job.Parameters.IsSet(parameter) ? Value(job.Parameters, parameter) : template?.TextOf(parameter) is { } own ? own : null;
            var room = ReplyMessage.MaxContent - text.Length - label.Length - 1;
            if (value is not null && room > 1)
            {
                text.Append(label).Append(MemberText.EscapeAndCut(value, room)).Append('\n');
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string Value(WorkflowParameters parameters, WorkflowParameter parameter) => parameter switch
    {
        WorkflowParameter.Prompt => parameters.Prompt!,
        WorkflowParameter.Negative => parameters.Negative!,
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
        WorkflowParameter.Lora => parameters.Lora!,
        WorkflowParameter.LoraStrength => Number(parameters.LoraStrength),
        _ => string.Empty,
    };

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? string.Empty;
}
