using ComfyBot.Core.Progress;
using ComfyBot.Core.Running;
using ComfyBot.Discord.Commands;

namespace ComfyBot.SlashCommands;

/// <summary>Autocomplete choices for a job option: <c>#12 · running · a lighthouse…</c>, valued <c>12</c>, newest first.</summary>
internal static class JobChoices
{
    public static IReadOnlyList<CommandChoice> Of(IReadOnlyList<QueueEntry> entries, string typed, bool withOwner)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var digits = (typed ?? string.Empty).Trim().TrimStart('#');
        return
        [
            .. entries
                .Where(e => e.Job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture).StartsWith(digits, StringComparison.Ordinal)
                    || (digits.Length > 0 && (e.Job.Parameters.Prompt?.Contains(digits, StringComparison.OrdinalIgnoreCase) ?? false)))
                .OrderByDescending(e => e.Job.Id)
                .Take(25)
                .Select(e => new CommandChoice(Label(e, withOwner), e.Job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ];
    }

    private static string Label(QueueEntry entry, bool withOwner)
    {
        var where = entry.Position is { } p ? $"waiting #{p}" : entry.Job.State.ToString().ToLowerInvariant();
        var owner = withOwner ? $" · {entry.Job.Owner.DisplayName}" : string.Empty;
        var label = $"{entry.Job.DisplayId} · {where}{owner} · {entry.Job.Parameters.Prompt ?? entry.Job.Workflow}".ReplaceLineEndings(" ");
        return MemberText.Cut(label, 100);
    }
}
