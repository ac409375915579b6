using ComfyBot.Core.Backends;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Workflows;
using ComfyBot.Discord.Commands;
using ComfyBot.Hosting;

namespace ComfyBot.SlashCommands;

/// <summary>
/// Suggests /imagine's workflow from the configured templates some GPU server can run and the channel allows (its
/// template list, and NSFW templates only in age-restricted channels): names starting with what was typed first,
/// then names containing it.
/// </summary>
internal sealed class WorkflowAutocomplete(WorkflowCatalog catalog, BackendMonitor monitor, ChannelRules channels) : IAutocompleteSource
{
    public string Route => "imagine";

    public string Option => "workflow";

    public ValueTask<IReadOnlyList<CommandChoice>> CompleteAsync(Invocation invocation, string typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        // A template no GPU server can run, or this channel does not allow, would only be refused: it is not offered.
        var interaction = invocation.Interaction;
        var channelId = interaction.ChannelId?.Value ?? 0;
        IReadOnlyList<CommandChoice> choices =
        [
            .. catalog.Complete(typed, int.MaxValue)
                .Where(d => channels.Allows(d, channelId, interaction.Channel?.Nsfw))
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
