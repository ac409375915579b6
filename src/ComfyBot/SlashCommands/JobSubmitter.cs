using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Running;
using ComfyBot.Replies;

namespace ComfyBot.SlashCommands;

/// <summary>
/// Submits a job whose reply is the invocation's own response: defers (public) if not yet answered, stores the
/// chat target with the job, and tells the member alone when the policy refuses. Used by /imagine and by the
/// Re-roll, Upscale and Vary buttons (each click brings a fresh token, which carries the new job's reply).
/// </summary>
internal sealed class JobSubmitter(JobService jobs)
{
    /// <summary>The queued job's id, or null when it was refused (the member was told why).</summary>
    public async Task<long?> SubmitAsync(Invocation invocation, string workflow, WorkflowParameters parameters, InputImage? image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var interaction = invocation.Interaction;
        if (!invocation.HasAnswered)
        {
            await invocation.DeferAsync(ephemeral: false, cancellationToken);
        }

        // The store assigns the job id; JobViewFactory writes it into the target.
        var target = ChatTarget.ForInteraction("new", interaction);
        var submission = new JobSubmission(invocation.Owner, invocation.RoleIds, interaction.ChannelId!.Value.Value, workflow, parameters)
        {
            GuildId = interaction.GuildId?.Value,
            ChatTarget = target.ToJson(),
            AttachmentByteLimit = interaction.AttachmentSizeLimit,
            InputImage = image,
        };
        SubmitResult result;
        try
        {
            result = await jobs.SubmitAsync(submission, cancellationToken);
        }
        catch (Exception e) when (e is WorkflowTemplateException or ArgumentException)
        {
            await invocation.TellAsync($"The workflow '{workflow}' cannot take these values: {e.Message}", cancellationToken);
            return null;
        }

        if (result.Refusal is { } refusal)
        {
            await invocation.TellAsync(refusal.Message, cancellationToken);
            return null;
        }

        return result.Job!.Id;
    }
}
