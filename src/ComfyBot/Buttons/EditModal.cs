using System.Globalization;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;
using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>
/// The Edit &amp; redo form submitted (<c>edit:&lt;job&gt;</c>): the job's workflow, options, input image and seed
/// with the edited prompt and negative, queued as a new reply that says "Edit of #12 by Alice" with a link back. The
/// seed stays, so the edit is what changes the picture; Re-roll gives a new seed.
/// </summary>
internal sealed class EditModal(OwnedJob owned, WorkflowCatalog catalog, ImageStore images, JobSubmitter submitter) : IModalAction
{
    public string Prefix => "edit";

    public async Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (await owned.LoadAsync(invocation, argument, cancellationToken) is not { } job)
        {
            return;
        }

        var form = invocation.Interaction.Modal!;
        var prompt = form.GetValue(EditButton.PromptInput)?.Trim();
        if (string.IsNullOrEmpty(prompt))
        {
            await invocation.TellAsync("The prompt is empty; describe what to draw, then submit the form again.", cancellationToken);
            return;
        }

        var negative = form.GetValue(EditButton.NegativeInput)?.Trim();
        var seed = job.Seed ?? job.Parameters.Seed;
        var parameters = job.Parameters with
        {
            Prompt = prompt,
            // The form had no negative field when the workflow takes none: keep what the job had (nothing).
            Negative = form.GetComponent(EditButton.NegativeInput) is null ? job.Parameters.Negative : negative is { Length: > 0 } ? negative : null,
            Seed = seed,
        };
        var image = await images.GetInputImageAsync(job.Id, cancellationToken);
        if (catalog.Check(job.Workflow, parameters, image is not null) is { } refusal)
        {
            await invocation.TellAsync($"The edited job cannot run: {refusal.Message}", cancellationToken);
            return;
        }

        var same = seed is { } kept ? string.Create(CultureInfo.InvariantCulture, $" (same seed {kept})") : string.Empty;
        var origin = $"✏️ Edit of {job.DisplayId} by {MemberText.Escape(job.Owner.DisplayName)}{same}{SourceLink.Of(invocation)}";
        await submitter.SubmitAsync(invocation, job.Workflow, parameters, image, new SubmitCaption { Origin = origin, Source = job }, cancellationToken);
    }
}
