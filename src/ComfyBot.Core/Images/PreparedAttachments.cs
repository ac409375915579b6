using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Images;

/// <summary>A job's images ready to attach: fitted to the limit and grouped by message.</summary>
/// <param name="Images">Every fitted image in order (the grid first when one was made).</param>
/// <param name="Groups">The images in groups of at most ten: the first for the reply, each further one for a followup.</param>
/// <param name="Note">One sentence for the reply when any image had to change (e.g. "2 of 4 images re-encoded as JPEG to fit Discord's 10 MB limit"); null when none did.</param>
public sealed record PreparedAttachments(
    IReadOnlyList<FittedImage> Images,
    IReadOnlyList<IReadOnlyList<ReplyImage>> Groups,
    string? Note)
{
    /// <summary>The attachments of the reply itself (the first group); empty when the job made no images.</summary>
    public IReadOnlyList<ReplyImage> ForReply => Groups.Count > 0 ? Groups[0] : [];

    /// <summary>The attachments of each followup message, after the reply's.</summary>
    public IEnumerable<IReadOnlyList<ReplyImage>> ForFollowups => Groups.Skip(1);
}
