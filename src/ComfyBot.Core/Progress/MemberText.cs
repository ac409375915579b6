using System.Globalization;
using System.Text;

namespace ComfyBot.Core.Progress;

/// <summary>
/// Text that comes from members (display names, prompts, ban reasons) as the bot shows it in Discord messages:
/// escaped so that it reads as typed and cannot format the bot's reply (a display name like
/// <c>[support](https://…)</c> would otherwise be a clickable masked link in "Cancelled by …"), and cut between
/// grapheme clusters, so that a cut never splits an emoji or an accented letter into a U+FFFD.
/// </summary>
public static class MemberText
{
    private const string Ellipsis = "…";

    /// <summary>
    /// <paramref name="text"/> with every character Discord's markdown gives a meaning escaped by a backslash, and
    /// line breaks and other control characters turned into spaces (a name or prompt stays on its line).
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            // A dash formats only where a line starts ("- " a list, "-# " small text); lines are joined below.
            if (IsMarkdown(c) || (c == '-' && escaped.Length == 0))
            {
                escaped.Append('\\');
            }

            escaped.Append(char.IsControl(c) ? ' ' : c);
        }

        return escaped.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> as it is when it fits in <paramref name="maxLength"/> UTF-16 units, otherwise its
    /// longest start of whole grapheme clusters that fits with a closing "…". A cut never leaves a lone escaping
    /// backslash at its end (it would escape the ellipsis and show a stray "\").
    /// </summary>
    public static string Cut(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, Ellipsis.Length);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var room = maxLength - Ellipsis.Length;
        var end = 0;
        while (end < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, end);
            if (end + next > room)
            {
                break;
            }

            end += next;
        }

        return string.Concat(TrimDanglingEscape(text.AsSpan(0, end)), Ellipsis);
    }

    /// <summary><see cref="Escape"/> then <see cref="Cut"/>: the escapes count toward the length, and none is cut in half.</summary>
    public static string EscapeAndCut(string text, int maxLength) => Cut(Escape(text), maxLength);

    private static bool IsMarkdown(char c) => c is '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '#' or '[' or ']' or '(' or ')' or '<';

    /// <summary>Drops a final backslash that escapes nothing (an odd run of them at the end).</summary>
    private static ReadOnlySpan<char> TrimDanglingEscape(ReadOnlySpan<char> text)
    {
        var run = 0;
        while (run < text.Length && text[text.Length - 1 - run] == '\\')
        {
            run++;
        }

        return run % 2 == 1 ? text[..^1] : text;
    }
}
