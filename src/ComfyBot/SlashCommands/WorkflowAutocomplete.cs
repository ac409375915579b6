using ComfyBot.Discord.Commands;

namespace ComfyBot.SlashCommands;

/// <summary>Suggests /imagine's workflow from the configured templates: names starting with what was typed first, then names or descriptions containing it.</summary>
internal sealed class WorkflowAutocomplete : IAutocompleteSource
{
    public string Route => "imagine";

    public string Option => "workflow";

    public ValueTask<IReadOnlyList<CommandChoice>> CompleteAsync(Invocation invocation, string typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        typed = typed.Trim();
        var templates = invocation.Runtime.Templates;
        IReadOnlyList<CommandChoice> choices =
        [
            .. templates
                .Where(t => t.Settings.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Concat(templates.Where(t => !t.Settings.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)
                    && (t.Settings.Name.Contains(typed, StringComparison.OrdinalIgnoreCase) || (t.Settings.Description?.Contains(typed, StringComparison.OrdinalIgnoreCase) ?? false))))
                .Take(25)
                .Select(t => new CommandChoice(Label(t.Settings.Name, t.Settings.Description), t.Settings.Name)),
        ];
        return ValueTask.FromResult(choices);
    }

    private static string Label(string name, string? description)
    {
        var label = description is null ? name : $"{name} — {description}";
        return label.Length <= 100 ? label : string.Concat(label.AsSpan(0, 99), "…");
    }
}
