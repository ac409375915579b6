using ComfyBot.Core.Moderation;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin filter add rule [regex]: prompts (and negative prompts) breaking the rule are refused from now on.</summary>
internal sealed class AdminFilterAddCommand(AdminAccess access, AuditLog audit, PromptFilter filter) : AdminCommand(access, audit)
{
    protected override string Subcommand => "filter add";

    protected override async Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var command = invocation.Interaction.Command!;
        var text = command.GetString("rule")?.Trim() ?? string.Empty;
        var kind = command.GetBoolean("regex") == true ? PromptFilterKind.Pattern : PromptFilterKind.Word;
        await invocation.DeferAsync(ephemeral: true, cancellationToken);
        var (rule, problem, existing) = await filter.AddAsync(kind, text, invocation.MemberId, cancellationToken);
        if (problem is not null)
        {
            await invocation.TellAsync($"Nothing was added: the {AdminFilterText.Kind(kind)} {problem}", cancellationToken);
            return;
        }

        if (existing is not null)
        {
            await invocation.TellAsync($"Nothing was added: that {AdminFilterText.Kind(kind)} is already rule {AdminFilterText.Line(existing)}.", cancellationToken);
            return;
        }

        await AuditAsync(invocation, rule!.Id, $"{AdminFilterText.Kind(kind)}: {rule.Text}", cancellationToken);
        var what = kind == PromptFilterKind.Word
            ? $"prompts containing the word {AdminFilterText.Quote(rule.Text)} (as a whole word, any case)"
            : $"prompts matching the pattern {AdminFilterText.Quote(rule.Text)} (any case)";
        await invocation.TellAsync($"Added rule **{rule.Id}**: {what} are refused from now on, negative prompts too. Members are not told which rule; each refusal is in /comfy-admin audit. /comfy-admin filter remove rule:{rule.Id} removes it.", cancellationToken);
    }
}
