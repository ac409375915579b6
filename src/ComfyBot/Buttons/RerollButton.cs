using ComfyBot.Core.Progress;
using ComfyBot.Core.Store;
using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>
/// Re-roll (<c>reroll:&lt;job&gt;</c>): the same workflow and options with a new random seed, as a new reply; a job that
/// worked on an input image works on the same one again.
/// </summary>
internal sealed class RerollButton(OwnedJob owned, ImageStore images, JobSubmitter submitter) : IButtonAction
{
    public string Prefix => "reroll";

    public async Task HandleAsync(Invocation invocation, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (await owned.LoadAsync(invocation, argument, cancellationToken) is not { } job)
        {
            return;
        }

        var image = await images.GetInputImageAsync(job.Id, cancellationToken);
        var origin = $"🔁 Re-roll of {job.DisplayId} by {MemberText.Escape(job.Owner.DisplayName)}{SourceLink.Of(invocation)}";
        await submitter.SubmitAsync(invocation, job.Workflow, job.Parameters with { Seed = null }, image, new SubmitCaption { Origin = origin, Source = job }, cancellationToken);
    }
}
