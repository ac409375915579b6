using ComfyBot.Core.Backends;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Workflows;
using ComfyBot.Discord.Commands;

namespace ComfyBot.SlashCommands.Member;

/// <summary>
/// Suggests /settings workflow as /imagine's workflow option does: the templates some GPU server can run, and that the
/// channel it is typed in allows (a default refused in another channel is said there, when /imagine uses it).
/// </summary>
internal sealed class SettingsWorkflowAutocomplete(WorkflowCatalog catalog, BackendMonitor monitor, ChannelRules channels) : IAutocompleteSource
{
    private readonly WorkflowAutocomplete _imagine = new(catalog, monitor, channels);

    public string Route => "settings";

    public string Option => "workflow";

    public ValueTask<IReadOnlyList<CommandChoice>> CompleteAsync(Invocation invocation, string typed, CancellationToken cancellationToken) =>
        _imagine.CompleteAsync(invocation, typed, cancellationToken);
}
