using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Replies;

namespace ComfyBot.SlashCommands;

/// <summary>
/// Submits a job whose reply is the invocation's own response: defers (public, or ephemeral for a member who chose
/// private replies) if not yet answered, stores the chat target with the job, and tells the member alone when the
/// policy refuses. Used by /imagine and by the Re-roll, Upscale, Vary and Edit buttons (each click brings a fresh
/// token, which carries the new job's reply).
/// The channel's rules and the prompt filter (<see cref="ModerationGate"/>) are checked before the deferral, so a
/// refusal is the first, ephemeral answer; the job service checks them again on admission.
/// </summary>
internal sealed class JobSubmitter(JobService jobs, MemberSettingsStore memberSettings, ModerationGate moderation)
{
    /// <summary>Longest prompt the caption under a reply shows; Details shows it whole.</summary>
    public const int CaptionPrompt = 200;

    /// <summary>The queued job's id, or null when it was refused (the member was told why).</summary>
    public Task<long?> SubmitAsync(Invocation invocation, string workflow, WorkflowParameters parameters, InputImage? image, CancellationToken cancellationToken) =>
        SubmitAsync(invocation, workflow, parameters, image, new SubmitCaption(), cancellationToken);

    /// <summary>
    /// The queued job's id, or null when it was refused. The reply's caption says what the job is
    /// (<see cref="SubmitCaption.Origin"/>), its prompt and author, and <see cref="SubmitCaption.Notes"/>.
    /// </summary>
    public async Task<long?> SubmitAsync(Invocation invocation, string workflow, WorkflowParameters parameters, InputImage? image, SubmitCaption caption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(caption);
        var interaction = invocation.Interaction;
        var channelId = interaction.ChannelId!.Value.Value;
        var submission = new JobSubmission(invocation.Owner, invocation.RoleIds, channelId, workflow, parameters)
        {
            GuildId = interaction.GuildId?.Value,
            AttachmentByteLimit = interaction.AttachmentSizeLimit,
            InputImage = image,
            ChannelNsfw = interaction.Channel?.Nsfw,
        };
        if (!invocation.HasAnswered && await moderation.ScreenAsync(submission, cancellationToken) is { } screened)
        {
            await invocation.TellAsync(screened.Message, cancellationToken);
            return null;
        }

        var settings = caption.Settings ?? await memberSettings.GetSettingsAsync(invocation.MemberId, cancellationToken);
        if (!invocation.HasAnswered)
        {
            await invocation.DeferAsync(ephemeral: settings.Private == true, cancellationToken);
        }

        // The store assigns the job id; JobViewFactory writes it into the target.
        var target = ChatTarget.ForInteraction("new", interaction) with
        {
            Caption = caption.Origin is null && caption.Notes.Count == 0 ? null : string.Join('\n', new[] { caption.Origin }.Where(o => o is { Length: > 0 }).Concat(caption.Notes)),
            Credit = Credit(invocation, parameters),
            GridOnly = settings.Grid == GridLayout.GridOnly,
            Private = invocation.IsDeferredEphemeral,
            Spoiler = interaction.Command?.GetBoolean("spoiler") == true || moderation.Channels.Spoiler(channelId) || WasSpoiler(caption.Source),
        };
        submission = submission with { ChatTarget = target.ToJson() };
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

    /// <summary>The line under the result: the prompt (escaped, cut) and its author.</summary>
    private static string Credit(Invocation invocation, WorkflowParameters parameters)
    {
        var author = MemberText.Escape(invocation.DisplayName);
        return parameters.Prompt is { Length: > 0 } prompt
            ? $"🖌️ “{MemberText.EscapeAndCut(prompt, CaptionPrompt)}” by {author}"
            : $"🖌️ by {author}";
    }
}

/// <summary>What a submitted job's reply says besides its progress, and the member settings already read.</summary>
internal sealed record SubmitCaption
{
    /// <summary>What the job is when it comes from another reply, e.g. "↪️ Upscale of image 2 of #12 by Alice · link".</summary>
    public string? Origin { get; init; }

    /// <summary>Further lines, e.g. which of the member's defaults applied.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The job this one is made from (Re-roll, Upscale, Vary, Edit): its images are spoilers when the source's were.</summary>
    public Job? Source { get; init; }

    /// <summary>The invoker's settings when the caller already read them; null reads them.</summary>
    public MemberSettings? Settings { get; init; }
}
