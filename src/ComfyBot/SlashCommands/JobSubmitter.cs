using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Running;
using ComfyBot.Replies;

namespace ComfyBot.SlashCommands;

/// <summary>
/// Submits a job whose reply is the invocation's own response: defers (public) if not yet answered, stores the
/// chat target with the job, and tells the member alone when the policy refuses. Used by /imagine and by the
/// Re-roll, Upscale and Vary buttons (each click brings a fresh token, which carries the new job's reply).
/// The channel's rules and the prompt filter (<see cref="ModerationGate"/>) are checked before the deferral, so a
/// refusal is the first, ephemeral answer; the job service checks them again on admission.
/// </summary>
internal sealed class JobSubmitter(JobService jobs, ModerationGate moderation)
{
    /// <summary>The queued job's id, or null when it was refused (the member was told why).</summary>
    public Task<long?> SubmitAsync(Invocation invocation, string workflow, WorkflowParameters parameters, InputImage? image, CancellationToken cancellationToken) =>
        SubmitAsync(invocation, workflow, parameters, image, source: null, cancellationToken);

    /// <summary>
    /// As the other overload, for a job made from <paramref name="source"/> (Re-roll, Upscale, Vary): its images are
    /// spoilers when the source's were.
    /// </summary>
    public async Task<long?> SubmitAsync(Invocation invocation, string workflow, WorkflowParameters parameters, InputImage? image, Job? source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var interaction = invocation.Interaction;
        var channelId = interaction.ChannelId!.Value.Value;

        // The store assigns the job id; JobViewFactory writes it into the target.
        var spoiler = interaction.Command?.GetBoolean("spoiler") == true || moderation.Channels.Spoiler(channelId) || WasSpoiler(source);
        var target = ChatTarget.ForInteraction("new", interaction) with { Spoiler = spoiler };
        var submission = new JobSubmission(invocation.Owner, invocation.RoleIds, channelId, workflow, parameters)
        {
            GuildId = interaction.GuildId?.Value,
            ChatTarget = target.ToJson(),
            AttachmentByteLimit = interaction.AttachmentSizeLimit,
            InputImage = image,
            ChannelNsfw = interaction.Channel?.Nsfw,
        };
        if (!invocation.HasAnswered && await moderation.ScreenAsync(submission, cancellationToken) is { } screened)
        {
            await invocation.TellAsync(screened.Message, cancellationToken);
            return null;
        }

        if (!invocation.HasAnswered)
        {
            await invocation.DeferAsync(ephemeral: false, cancellationToken);
        }

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

    private static bool WasSpoiler(Job? source)
    {
        if (source?.ChatTarget is not { } json)
        {
            return false;
        }

        try
        {
            return ChatTarget.FromJson(json).Spoiler;
        }
        catch (FormatException)
        {
            // An unreadable target was already reported when its reply was made; the new job follows the channel's rule.
            return false;
        }
    }
}
