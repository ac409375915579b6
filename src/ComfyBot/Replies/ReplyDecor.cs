namespace ComfyBot.Replies;

/// <summary>
/// What a reply shows besides its state, from its <see cref="ChatTarget"/>: the job id its buttons carry, the caption
/// under the text (what the job is, its prompt and author, the member's defaults applied), whether a grid comes
/// alone, and whether the reply is ephemeral.
/// </summary>
/// <param name="JobId">The job id the buttons carry.</param>
internal sealed record ReplyDecor(string JobId)
{
    /// <summary>Lines shown under every state's text (what the job is, the defaults it used); cut first when the message is full.</summary>
    public string? Caption { get; init; }

    /// <summary>The prompt and its author, shown under a final reply that carries images (the result).</summary>
    public string? Credit { get; init; }

    /// <summary>Whether a batch with a grid shows the grid alone instead of the grid and the single images.</summary>
    public bool GridOnly { get; init; }

    /// <summary>Whether the reply is ephemeral (seen by its member alone).</summary>
    public bool Private { get; init; }

    /// <summary>The decor a stored target asks for.</summary>
    public static ReplyDecor Of(ChatTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new ReplyDecor(target.JobId) { Caption = target.Caption, Credit = target.Credit, GridOnly = target.GridOnly, Private = target.Private };
    }
}
