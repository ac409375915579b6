using System.Globalization;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Progress;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>How /comfy-admin filter shows a rule to admins (members never see rules).</summary>
internal static class AdminFilterText
{
    /// <summary>"word" or "pattern".</summary>
    public static string Kind(PromptFilterKind kind) => kind == PromptFilterKind.Word ? "word" : "pattern";

    /// <summary>The rule's text as inline code, so a pattern's backslashes and stars show as typed; escaped text when it holds a backtick.</summary>
    public static string Quote(string text) =>
        text.Contains('`', StringComparison.Ordinal) ? "“" + MemberText.EscapeAndCut(text, 300) + "”" : "`" + MemberText.Cut(text, 300) + "`";

    /// <summary>One line of the listing: id, kind, text and where it comes from.</summary>
    public static string Line(PromptFilterRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var source = rule.IsConfigured
            ? $"configuration ({ModerationOptions.Section}:{rule.Id})"
            : string.Create(CultureInfo.InvariantCulture, $"added by <@{rule.AddedBy}> on {rule.AddedAt:yyyy-MM-dd}");
        return $"**{rule.Id}** · {Kind(rule.Kind)} {Quote(rule.Text)} · {source}";
    }
}
