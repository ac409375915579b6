using ComfyBot.Core.Backends;
using ComfyBot.Core.Workflows;
using ComfyBot.Discord.Commands;

namespace ComfyBot.SlashCommands.Member;

/// <summary>Suggests /settings workflow as /imagine's workflow option does: the templates some GPU server can run.</summary>
internal sealed class SettingsWorkflowAutocomplete(WorkflowCatalog catalog, BackendMonitor monitor) : IAutocompleteSource
{
    private readonly WorkflowAutocomplete _imagine = new(catalog, monitor);

    public string Route => "settings";

    public string Option => "workflow";

    public ValueTask<IReadOnlyList<CommandChoice>> CompleteAsync(Invocation invocation, string typed, CancellationToken cancellationToken) =>
        _imagine.CompleteAsync(invocation, typed, cancellationToken);
}
