namespace ComfyBot.Core.Progress;

/// <summary>
/// Everything a job's reply message shows at one moment. A newer state replaces an older one completely, which is
/// what lets <see cref="ReplyThrottle"/> drop the states in between.
/// </summary>
/// <param name="Text">The message text (see <see cref="ProgressView"/>), including any note on re-encoded images.</param>
public sealed record ReplyState(string Text)
{
    /// <summary>The newest preview while the job runs (replaces the previous one); null for none.</summary>
    public ReplyImage? Preview { get; init; }

    /// <summary>
    /// The final images, already fitted to the attachment limit. More than 10 do not fit one message: the view sends
    /// the first group with the reply and the rest as followups (see <c>AttachmentGroups.Split</c>).
    /// </summary>
    public IReadOnlyList<ReplyImage> Images { get; init; } = [];

    /// <summary>
    /// The place in line this state shows, for a job waiting in the queue; null for any other state. Place edits share
    /// a bounded number of sends in flight (<see cref="ReplyEditSlots"/>), first edits and front places first; other states never wait for them.
    /// </summary>
    public int? Place { get; init; }

    /// <summary>Whether this is the job's last state: it is always delivered and nothing replaces it.</summary>
    public bool IsFinal { get; init; }

    /// <summary>
    /// How many of <see cref="Images"/> (after the grid, when there is one) are the job's results in output order,
    /// numbered 1…n for the per-image Upscale and Vary buttons; 0 when the numbers would not match the job's outputs
    /// (some could not be read), and then no per-image button is offered.
    /// </summary>
    public int Numbered { get; init; }

    /// <summary>Whether <see cref="Images"/>[0] is the numbered grid of the batch (the single images follow it).</summary>
    public bool HasGrid { get; init; }

    /// <summary>The buttons under the message.</summary>
    public ReplyButtons Buttons { get; init; }

    /// <summary>An intermediate state (queued or running), with an optional preview and the cancel button.</summary>
    public static ReplyState Progress(string text, ReplyImage? preview = null) =>
        new(text) { Preview = preview, Buttons = ReplyButtons.Cancel };

    /// <summary>The last state: the text, the final images and the buttons offered with them.</summary>
    public static ReplyState Final(string text, IReadOnlyList<ReplyImage>? images = null, ReplyButtons buttons = ReplyButtons.None) =>
        new(text) { Images = images ?? [], Buttons = buttons, IsFinal = true };
}
