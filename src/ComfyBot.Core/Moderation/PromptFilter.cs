using System.Globalization;
using System.Text.RegularExpressions;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Store;

namespace ComfyBot.Core.Moderation;

/// <summary>
/// The prompt filter: the configured words and patterns (<see cref="ModerationOptions"/>) and the ones admins added,
/// which the job store keeps. Every submitted prompt and negative prompt is matched against all of them, with
/// full-width letters read as plain ones (see <see cref="FoldWidth"/>). Patterns run with
/// <see cref="ModerationOptions.RegexTimeout"/>; one that runs out of time counts as a match. Thread-safe: the rules
/// are an immutable list swapped whole on each change.
/// </summary>
public sealed class PromptFilter
{
    private readonly PromptFilterStore _store;
    private readonly TimeSpan _timeout;
    private readonly IReadOnlyList<CompiledRule> _configured;
    private readonly Lock _changes = new();
    private IReadOnlyList<CompiledRule> _stored = [];

    /// <summary>Creates the filter with the configured rules (checked by <see cref="ModerationOptions.Validate"/>); call <see cref="LoadAsync"/> for the stored ones.</summary>
    public PromptFilter(ModerationOptions options, PromptFilterStore store)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _timeout = options.RegexTimeout;
        var configured = new List<CompiledRule>();
        for (var i = 0; i < options.BlockedWords.Count; i++)
        {
            configured.Add(CompiledRule.Of(new PromptFilterRule(string.Create(CultureInfo.InvariantCulture, $"BlockedWords:{i}"), PromptFilterKind.Word, options.BlockedWords[i]), _timeout));
        }

        for (var i = 0; i < options.BlockedPatterns.Count; i++)
        {
            configured.Add(CompiledRule.Of(new PromptFilterRule(string.Create(CultureInfo.InvariantCulture, $"BlockedPatterns:{i}"), PromptFilterKind.Pattern, options.BlockedPatterns[i]), _timeout));
        }

        _configured = configured;
    }

    /// <summary>Every rule: the configured ones, then the added ones oldest first.</summary>
    public IReadOnlyList<PromptFilterRule> Rules => [.. _configured.Select(r => r.Rule), .. Volatile.Read(ref _stored).Select(r => r.Rule)];

    /// <summary>Reads the rules admins added (at start).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        var rules = await _store.ListPromptFiltersAsync(cancellationToken);
        IReadOnlyList<CompiledRule> compiled = [.. rules.Select(r => CompiledRule.Of(r, _timeout))];
        lock (_changes)
        {
            _stored = compiled;
        }
    }

    /// <summary>
    /// The problem with <paramref name="text"/> as a rule of <paramref name="kind"/>, worded to follow its key or name
    /// ("is empty; …", "is '(a', which is not a regular expression: …"); null when it is usable.
    /// </summary>
    public static string? Check(PromptFilterKind kind, string? text, TimeSpan timeout)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return kind == PromptFilterKind.Word
                ? "is empty; give a word or phrase to refuse, or remove the entry."
                : "is empty; give a regular expression, such as \\bgore\\b, or remove the entry.";
        }

        Regex regex;
        try
        {
            regex = kind == PromptFilterKind.Word ? WordRegex(text, timeout) : ModerationOptions.Compile(text, timeout);
        }
        catch (ArgumentException e)
        {
            return $"is '{text}', which is not a regular expression: {e.Message} Fix it (https://learn.microsoft.com/dotnet/standard/base-types/regular-expression-language-quick-reference) or remove it.";
        }

        try
        {
            if (regex.IsMatch(string.Empty) || regex.IsMatch(" "))
            {
                return $"is '{text}', which matches an empty prompt, so it would refuse every prompt; make it match something, e.g. with + instead of *.";
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return $"is '{text}', which runs out of time on an empty prompt; simplify it.";
        }

        return null;
    }

    /// <summary>The first rule <paramref name="parameters"/>' prompt or negative prompt breaks; null when none does.</summary>
    public PromptFilterHit? Match(WorkflowParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Match(parameters.Prompt) ?? Match(parameters.Negative);
    }

    /// <summary>The first rule <paramref name="text"/> breaks; null when none does (or there is no text).</summary>
    public PromptFilterHit? Match(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalized = FoldWidth(text);
        foreach (var rule in _configured.Concat(Volatile.Read(ref _stored)))
        {
            try
            {
                if (rule.Regex.IsMatch(normalized))
                {
                    return new PromptFilterHit(rule.Rule, TimedOut: false);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return new PromptFilterHit(rule.Rule, TimedOut: true);
            }
        }

        return null;
    }

    /// <summary>
    /// Adds a rule an admin gave and keeps it in the store; the text is checked like a configured one. Returns the
    /// rule, or the problem (worded to follow the rule's text) and no rule; an equal rule already there is returned as
    /// Existing and nothing is added.
    /// </summary>
    public async Task<(PromptFilterRule? Rule, string? Problem, PromptFilterRule? Existing)> AddAsync(PromptFilterKind kind, string text, ulong addedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (Check(kind, text, _timeout) is { } problem)
        {
            return (null, problem, null);
        }

        // Two admins adding the same rule at the same moment may both add it; either removes it again.
        if (Rules.FirstOrDefault(r => r.Kind == kind && string.Equals(r.Text, text, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            return (null, null, existing);
        }

        var rule = await _store.AddPromptFilterAsync(kind, text, addedBy, cancellationToken);
        var compiled = CompiledRule.Of(rule, _timeout);
        lock (_changes)
        {
            _stored = [.. _stored, compiled];
        }

        return (rule, null, null);
    }

    /// <summary>Removes an added rule by its id (<c>f12</c>); the removed rule, or null when there is no such added rule.</summary>
    public async Task<PromptFilterRule?> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Volatile.Read(ref _stored).FirstOrDefault(r => string.Equals(r.Rule.Id, id.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } found
            || !long.TryParse(found.Rule.Id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var storeId))
        {
            return null;
        }

        await _store.RemovePromptFilterAsync(storeId, cancellationToken);
        lock (_changes)
        {
            _stored = [.. _stored.Where(r => r.Rule.Id != found.Rule.Id)];
        }

        return found.Rule;
    }

    /// <summary>A word or phrase as a whole-word regex: not inside a longer word, any run of spaces between its words.</summary>
    private static Regex WordRegex(string word, TimeSpan timeout)
    {
        var parts = FoldWidth(word).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        return ModerationOptions.Compile($@"(?<![\w]){string.Join(@"\s+", parts)}(?![\w])", timeout);
    }

    /// <summary>
    /// Full-width letters, digits and signs (U+FF01-U+FF5E, and the ideographic space) as their ASCII selves, so
    /// "ｇｏｒｅ" reads as "gore". This is what Unicode's compatibility normalisation would do for them; the bot runs with
    /// invariant globalization, where string.Normalize leaves non-ASCII text as it is, so other look-alikes (styled
    /// mathematical letters) are not folded.
    /// </summary>
    internal static string FoldWidth(string text)
    {
        if (!text.Any(c => c is >= '\uFF01' and <= '\uFF5E' or '\u3000'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                    '\u3000' => ' ',
                    _ => c,
                };
            }
        });
    }

    private sealed record CompiledRule(PromptFilterRule Rule, Regex Regex)
    {
        public static CompiledRule Of(PromptFilterRule rule, TimeSpan timeout) =>
            new(rule, rule.Kind == PromptFilterKind.Word ? WordRegex(rule.Text, timeout) : ModerationOptions.Compile(rule.Text, timeout));
    }
}
