using ComfyBot.Discord.Commands;

namespace ComfyBot.SlashCommands;

/// <summary>Suggests /imagine's workflow from the configured templates: names starting with what was typed first, then names containing it.</summary>
internal sealed class WorkflowAutocomplete : IAutocompleteSource
{
    public string Route => "imagine";

    public string Option => "workflow";

    public ValueTask<IReadOnlyList<CommandChoice>> CompleteAsync(Invocation invocation, string typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        IReadOnlyList<CommandChoice> choices =
        [
            .. invocation.Runtime.Catalog.Complete(typed).Select(d => new CommandChoice(Label(d.Name, d.Description), d.Name)),
        ];
        return ValueTask.FromResult(choices);
    }

    private static string Label(string name, string? description)
    {
        var label = string.IsNullOrEmpty(description) ? name : $"{name} — {description}";
        return label.Length <= 100 ? label : string.Concat(label.AsSpan(0, 99), "…");
    }
}
