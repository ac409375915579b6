using ComfyBot.Core.Backends;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Workflows;
using ComfyBot.Discord.Commands;
using ComfyBot.Hosting;

namespace ComfyBot.SlashCommands;

/// <summary>
/// Suggests /imagine's workflow from the configured templates some GPU server can run: names starting with what was
/// typed first, then names containing it.
/// </summary>
internal sealed class WorkflowAutocomplete(WorkflowCatalog catalog, BackendMonitor monitor) : IAutocompleteSource
{
    public string Route => "imagine";

    public string Option => "workflow";

    public ValueTask<IReadOnlyList<CommandChoice>> CompleteAsync(Invocation invocation, string typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        // A template no GPU server can run would only be refused: it is not offered.
        IReadOnlyList<CommandChoice> choices =
        [
            .. catalog.Complete(typed, int.MaxValue)
                .Where(d => TemplateReach.RunsNowhere(monitor.Backends, d.Template) is null)
                .Take(25)
                .Select(d => new CommandChoice(Label(d.Name, d.Description), d.Name)),
        ];
        return ValueTask.FromResult(choices);
    }

    private static string Label(string name, string? description)
    {
        var label = string.IsNullOrEmpty(description) ? name : $"{name} — {description}";
        return MemberText.Cut(label, 100);
    }
}
