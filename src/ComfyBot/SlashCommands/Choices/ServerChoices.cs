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
    /// <param name="monitor">The backends; asked to read again lists that lack a value and are old enough.</param>
    /// <param name="definition">The chosen workflow.</param>
    /// <param name="parameters">The member's values.</param>
    /// <param name="now">The time, to say how old the lists are.</param>
    public static string? Refusal(BackendMonitor monitor, WorkflowDefinition definition, WorkflowParameters parameters, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(parameters);
        var template = definition.Template;
        var capable = Capable(monitor.Backends, template);
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
            // A file just copied onto a server is found at the next health check instead of the next half-hourly read.
            var freshness = monitor.Reread(capable) > 0
                ? "Their lists are being read again now: if the file was just added to a server, try again in a few seconds."
                : $"Their lists were read {Age(now, capable)} ago.";
            return $"No GPU server that can run '{definition.Name}' has the {name} '{Shown(value)}'. {hint} {freshness}";
        }

        // Each value is on some server, but no one server has them all.
        var missing = capable.Select(b => $"{b.Name} lacks {string.Join(" and ", MemberChoices.Lacking(b, template, parameters).Select(l => $"{WorkflowParameterNames.Of(l.Parameter)} '{Shown(l.Value)}'"))}");
        return $"No single GPU server has all you chose for '{definition.Name}': {string.Join("; ", missing)}. Change one of them.";
    }

    private static string Age(DateTimeOffset now, IReadOnlyList<Backend> capable)
    {
        var age = now - capable.Select(b => b.CatalogueReadAt ?? now).Max();
        return age < TimeSpan.FromMinutes(2) ? $"{Math.Max(0, (int)age.TotalSeconds)} s" : $"{(int)age.TotalMinutes} min";
    }

    /// <summary>A value as members see it: escaped, so a file name's underscores stay underscores and never format the text.</summary>
    private static string Shown(string value) => Core.Progress.MemberText.Escape(value);
}
