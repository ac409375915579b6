using System.Globalization;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;
using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>
/// Upscale and Vary: run the follow-up workflow the job's template names on one image of the job (U2 and V2 on the
/// second; the button of a single image, or one from before per-image buttons, on the first), as a new reply carried
/// by the click's fresh token. The prompt and negative go along when the follow-up takes them. The new reply says
/// what it is, e.g. "Upscale of image 2 of #12 by Alice", with a link to the reply it came from.
/// </summary>
internal sealed class FollowUp(WorkflowCatalog catalog, JobService jobs, MemberSettingsStore memberSettings, OwnedJob owned, JobSubmitter submitter)
{
    public async Task RunAsync(Invocation invocation, string argument, Func<WorkflowDefinition, string?> pick, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(argument);
        var (jobPart, number) = Split(argument);
        if (number is null)
        {
            await invocation.TellAsync($"This {action} button names no image the bot can read ('{argument}'); use the buttons of a newer reply.", cancellationToken);
            return;
        }

        if (await owned.LoadAsync(invocation, jobPart, cancellationToken) is not { } job)
        {
            return;
        }

        if (!catalog.TryGet(job.Workflow, out var source) || pick(source) is not { } name || !catalog.TryGet(name, out var target))
        {
            await invocation.TellAsync($"The workflow '{job.Workflow}' has no {action} follow-up configured any more; ask an admin, or use Re-roll.", cancellationToken);
            return;
        }

        // Fetching the image again from the GPU server may take longer than Discord's 3 seconds.
        var settings = await memberSettings.GetSettingsAsync(invocation.MemberId, cancellationToken);
        await invocation.DeferAsync(ephemeral: settings.Private == true, cancellationToken);
        var image = await jobs.GetOutputImageAsync(job.Id, number.Value - 1, cancellationToken);
        if (image is null)
        {
            await invocation.TellAsync(string.Create(CultureInfo.InvariantCulture, $"Image {number} of job {job.DisplayId} is no longer on its GPU server ({job.Backend ?? "unknown"}), so it cannot be used for {action}; start again with /imagine."), cancellationToken);
            return;
        }

        var accepted = target.Accepted;
        var parameters = new WorkflowParameters
        {
            Prompt = accepted.Contains(WorkflowParameter.Prompt) ? job.Parameters.Prompt : null,
            Negative = accepted.Contains(WorkflowParameter.Negative) ? job.Parameters.Negative : null,
        };
        var origin = string.Create(CultureInfo.InvariantCulture, $"↪️ {action} of image {number} of {job.DisplayId} by {MemberText.Escape(job.Owner.DisplayName)}{SourceLink.Of(invocation)}");
        await submitter.SubmitAsync(invocation, target.Name, parameters, image, new SubmitCaption { Origin = origin, Settings = settings, Source = job }, cancellationToken);
    }

    /// <summary><c>12:2</c> is image 2 of job 12; <c>12</c> (a single image's button, or an older one) is image 1.</summary>
    private static (string Job, int? Number) Split(string argument)
    {
        var colon = argument.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (argument, 1);
        }

        return int.TryParse(argument.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? (argument[..colon], number)
            : (argument[..colon], null);
    }
}
