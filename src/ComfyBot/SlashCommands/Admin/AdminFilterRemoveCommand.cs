using ComfyBot.Core.Moderation;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin filter remove rule: removes a rule an admin added (configured rules are removed in the configuration).</summary>
internal sealed class AdminFilterRemoveCommand(AdminAccess access, AuditLog audit, PromptFilter filter) : AdminCommand(access, audit)
{
    protected override string Subcommand => "filter remove";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var id = invocation.Interaction.Command!.GetString("rule")?.Trim() ?? string.Empty;
        if (filter.Rules.FirstOrDefault(r => r.IsConfigured && string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase)) is { } configured)
        {
            await invocation.TellAsync($"Rule **{configured.Id}** comes from the configuration: remove {ModerationOptions.Section}:{configured.Id} there and restart the bot.", cancellationToken);
            return;
        }

        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        if (await filter.RemoveAsync(id, cancellationToken) is not { } removed)
        {
            await invocation.TellAsync($"There is no rule '{Core.Progress.MemberText.EscapeAndCut(id, 40)}'; /comfy-admin filter list shows each rule's id (such as f3).", cancellationToken);
            return;
        }

        await AuditAsync(invocation, removed.Id, $"{AdminFilterText.Kind(removed.Kind)}: {removed.Text}", cancellationToken);
        await invocation.TellAsync($"Removed rule **{removed.Id}** ({AdminFilterText.Kind(removed.Kind)} {AdminFilterText.Quote(removed.Text)}): prompts it refused are accepted again.", cancellationToken);
    }
}
