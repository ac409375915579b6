using System.Globalization;
using System.Text.RegularExpressions;

namespace ComfyBot.Core.Moderation;

/// <summary>
/// The prompt filter and the per-channel rules, bound from section <see cref="Section"/>. Admins add further filter
/// rules at run time with /comfy-admin filter add; those live in the job store.
/// </summary>
public sealed class ModerationOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "ComfyBot:Moderation";

    /// <summary>Words or phrases a prompt (or negative prompt) may not contain, matched as whole words, ignoring case. <value>None.</value></summary>
    public List<string> BlockedWords { get; set; } = [];

    /// <summary>.NET regular expressions a prompt (or negative prompt) may not match, ignoring case. <value>None.</value></summary>
    public List<string> BlockedPatterns { get; set; } = [];

    /// <summary>
    /// How long one pattern may take on one prompt. A pattern that runs out of time counts as a match (the prompt is
    /// refused and a warning names the rule), so a prompt built to slow a pattern down cannot slip past it. <value>0.1 s.</value>
    /// </summary>
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Rules for single channels: which templates may run there and whether images are sent as spoilers.</summary>
    public List<ChannelRule> Channels { get; set; } = [];

    /// <summary>Every problem with these options, each naming its key and the fix; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RegexTimeout < TimeSpan.FromMilliseconds(1) || RegexTimeout > TimeSpan.FromSeconds(5))
        {
            errors.Add($"{Section}:RegexTimeout is {RegexTimeout}; use a time between 00:00:00.001 and 00:00:05, such as 00:00:00.1 (the default).");
        }

        var timeout = RegexTimeout > TimeSpan.Zero ? RegexTimeout : TimeSpan.FromMilliseconds(100);
        for (var i = 0; i < BlockedWords.Count; i++)
        {
            if (PromptFilter.Check(PromptFilterKind.Word, BlockedWords[i], timeout) is { } problem)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:BlockedWords:{i} {problem}"));
            }
        }

        for (var i = 0; i < BlockedPatterns.Count; i++)
        {
            if (PromptFilter.Check(PromptFilterKind.Pattern, BlockedPatterns[i], timeout) is { } problem)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:BlockedPatterns:{i} {problem}"));
            }
        }

        var seen = new HashSet<ulong>();
        for (var i = 0; i < Channels.Count; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{Section}:Channels:{i}");
            var rule = Channels[i];
            if (rule is null || rule.ChannelId == 0)
            {
                errors.Add($"{key}:ChannelId is missing; set it to the channel's id (Discord's Developer Mode, then right-click the channel, Copy Channel ID).");
                continue;
            }

            if (!seen.Add(rule.ChannelId))
            {
                errors.Add($"{key}:ChannelId {rule.ChannelId} has more than one rule; merge them into one.");
            }

            for (var t = 0; t < rule.Templates.Count; t++)
            {
                if (string.IsNullOrWhiteSpace(rule.Templates[t]))
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:Templates:{t} is empty; give a template's name or remove the entry."));
                }
            }
        }

        return errors;
    }

    /// <summary>A regex compiled the way the filter runs it: ignoring case, culture-invariant, with the timeout.</summary>
    internal static Regex Compile(string pattern, TimeSpan timeout) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, timeout);
}
