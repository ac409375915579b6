namespace ComfyBot.Core.Moderation;

/// <summary>One rule of the prompt filter.</summary>
/// <param name="Id">
/// What the audit log and /comfy-admin filter name it by: <c>f12</c> for a rule an admin added (store id 12), or the
/// configuration key's tail, <c>BlockedWords:0</c> or <c>BlockedPatterns:3</c>, for a configured one.
/// </param>
/// <param name="Kind">A word or a pattern.</param>
/// <param name="Text">The word or the pattern as given.</param>
/// <param name="AddedBy">The admin who added it; null for a configured rule.</param>
/// <param name="AddedAt">When it was added; null for a configured rule.</param>
public sealed record PromptFilterRule(string Id, PromptFilterKind Kind, string Text, ulong? AddedBy = null, DateTimeOffset? AddedAt = null)
{
    /// <summary>Whether it comes from the configuration (then only the configuration removes it).</summary>
    public bool IsConfigured => AddedBy is null;
}
