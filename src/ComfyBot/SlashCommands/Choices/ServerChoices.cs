using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Workflows;

namespace ComfyBot.SlashCommands.Choices;

/// <summary>
/// What the GPU servers able to run a template list for a member's choices (checkpoint, sampler, scheduler, LoRA), from
/// the catalogues the monitor caches per server (GET /object_info and /models/{folder}, read again every
/// CatalogueRefreshInterval and whenever a server comes back): no I/O here.
/// </summary>
internal static class ServerChoices
{
    /// <summary>The servers whose catalogue is known and accepts <paramref name="template"/>.</summary>
    public static IReadOnlyList<Backend> Capable(IEnumerable<Backend> backends, WorkflowTemplate template) =>
        [.. backends.Where(b => b.Check(template) is { Count: 0 })];

    /// <summary>
    /// Why the member's chosen values cannot run: a value no capable server lists (with the close matches), or values
    /// each on some server but never all on one. Null when one capable server has them all, or when no server's
    /// catalogue is known yet (nothing to judge by; the job waits for one, as any job does).
    /// </summary>
    public static string? Refusal(IEnumerable<Backend> backends, WorkflowDefinition definition, WorkflowParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(parameters);
        var template = definition.Template;
        var capable = Capable(backends, template);
        if (capable.Count == 0 || capable.Any(b => MemberChoices.Lacking(b, template, parameters).Count == 0))
        {
            return null;
        }

        foreach (var parameter in MemberChoices.Listed)
        {
            if (MemberChoices.ValueOf(parameters, parameter) is not { } value)
            {
                continue;
            }

            var lists = capable.Select(b => b.ChoicesFor(template, parameter)).OfType<IReadOnlyList<string>>().ToList();
            if (lists.Count == 0 || lists.Any(l => l.Contains(value, StringComparer.Ordinal)))
            {
                continue;
            }

            var name = WorkflowParameterNames.Of(parameter);
            var all = lists.SelectMany(l => l).Distinct(StringComparer.Ordinal).ToList();
            var close = CloseMatches.Of(value, all);
            var hint = close.Count > 0
                ? $"Close matches: {string.Join(", ", close.Select(c => $"'{Shown(c)}'"))}."
                : all.Count == 0
                    ? $"They list no {name} at all."
                    : $"None is close; they have {all.Count}, which the {name} option's suggestions list as you type.";
            return $"No GPU server that can run '{definition.Name}' has the {name} '{Shown(value)}'. {hint} "
                + "(The servers' lists are read every half hour and when a server comes back; a file added since shows then.)";
        }

        // Each value is on some server, but no one server has them all.
        var missing = capable.Select(b => $"{b.Name} lacks {string.Join(" and ", MemberChoices.Lacking(b, template, parameters).Select(l => $"{WorkflowParameterNames.Of(l.Parameter)} '{Shown(l.Value)}'"))}");
        return $"No single GPU server has all you chose for '{definition.Name}': {string.Join("; ", missing)}. Change one of them.";
    }

    /// <summary>A value as members see it: escaped, so a file name's underscores stay underscores and never format the text.</summary>
    private static string Shown(string value) => Core.Progress.MemberText.Escape(value);
}
