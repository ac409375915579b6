using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Workflows;
using ComfyBot.Discord.Commands;

namespace ComfyBot.SlashCommands.Choices;

/// <summary>
/// Suggests /imagine's checkpoint, sampler, scheduler or lora from the lists of the GPU servers able to run the workflow
/// chosen so far (the default when none): values starting with what was typed first, then values containing it; a
/// value only some of them have says which. A server whose lists could not be read, or are still being read (its first
/// check after a start has not answered), is named in a first line, so a missing value is not taken for one no server
/// has; a workflow without the option says so instead of offering any.
/// </summary>
internal sealed class ServerChoiceAutocomplete(WorkflowParameter parameter, WorkflowCatalog catalog, BackendMonitor monitor) : IAutocompleteSource
{
    private const int MaxChoiceText = 100;

    public string Route => "imagine";

    public string Option => WorkflowParameterNames.Of(parameter);

    public ValueTask<IReadOnlyList<CommandChoice>> CompleteAsync(Invocation invocation, string typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return ValueTask.FromResult(Complete(invocation.Interaction.Command?.GetString("workflow")?.Trim(), typed ?? string.Empty));
    }

    private IReadOnlyList<CommandChoice> Complete(string? workflow, string typed)
    {
        var name = workflow is { Length: > 0 } ? workflow : catalog.Default.Name;
        if (!catalog.TryGet(name, out var definition))
        {
            return [Note($"⚠ There is no workflow named '{name}'; pick the workflow first.", typed)];
        }

        if (!definition.Accepted.Contains(parameter))
        {
            var taking = catalog.All.Where(d => d.Accepted.Contains(parameter)).Select(d => d.Name).ToList();
            var where = taking.Count == 0 ? "no workflow here takes it" : $"it is for {string.Join(", ", taking)}";
            return [Note($"⚠ Workflow '{definition.Name}' has no {Option} option ({where}); leave it empty.", typed)];
        }

        var notes = new List<CommandChoice>();
        var lists = new List<(Backend Backend, IReadOnlyList<string> Values)>();
        foreach (var backend in monitor.Backends)
        {
            if (backend.Health.IsNotCheckedYet)
            {
                // The bot just started: its lists are being read now, which is not "could not be read".
                notes.Add(Note($"⏳ {backend.Name}: the bot just started and is still reading its lists, so its {Option}s are not shown yet; try again in a moment.", typed));
            }
            else if (backend.Catalog is null)
            {
                notes.Add(Note($"⚠ {backend.Name}: its lists could not be read yet, so its {Option}s are not shown.", typed));
            }
            else if (backend.Check(definition.Template) is { Count: 0 } && backend.ChoicesFor(definition.Template, parameter) is { } values)
            {
                if (backend.Health.Error is { } error && error.StartsWith(Backend.CatalogueUnread, StringComparison.Ordinal))
                {
                    notes.Add(Note($"⚠ {backend.Name}: its lists could not be read again; its {Option}s are as of its last read.", typed));
                }

                lists.Add((backend, values));
            }
        }

        var all = lists.SelectMany(l => l.Values).Distinct(StringComparer.Ordinal).Where(v => v.Length <= MaxChoiceText).ToList();
        var text = typed.Trim();
        var matches = all.Where(v => v.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            .Concat(all.Where(v => !v.StartsWith(text, StringComparison.OrdinalIgnoreCase) && v.Contains(text, StringComparison.OrdinalIgnoreCase)));
        var choices = matches
            .Take(25 - notes.Count)
            .Select(v => new CommandChoice(Label(v, lists), v));
        return [.. notes, .. choices];
    }

    /// <summary>The value, and the servers that have it when not all of them do (the job can only run there).</summary>
    private static string Label(string value, List<(Backend Backend, IReadOnlyList<string> Values)> lists)
    {
        var having = lists.Where(l => l.Values.Contains(value, StringComparer.Ordinal)).Select(l => l.Backend.Name).ToList();
        return having.Count == lists.Count ? value : MemberText.Cut($"{value} (only on {string.Join(", ", having)})", MaxChoiceText);
    }

    /// <summary>A line that explains rather than offers: picking it keeps what was typed.</summary>
    private static CommandChoice Note(string text, string typed) => new(MemberText.Cut(text, MaxChoiceText), MemberText.Cut(typed, MaxChoiceText));
}
