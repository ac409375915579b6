using ComfyBot.Core.Moderation;
using ComfyBot.Core.Progress;
using ComfyBot.Discord.Commands;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>Suggests the rule of /comfy-admin filter remove from the rules admins added (admins only: the rules are not shown to anyone else).</summary>
internal sealed class AdminFilterRuleAutocomplete(PromptFilter filter) : IAutocompleteSource
{
    public string Route => $"{ComfyBotCommands.AdminName} filter remove";

    public string Option => "rule";

    public ValueTask<IReadOnlyList<CommandChoice>> CompleteAsync(Invocation invocation, string typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!invocation.IsAdmin)
        {
            return ValueTask.FromResult<IReadOnlyList<CommandChoice>>([]);
        }

        typed = typed.Trim();
        IReadOnlyList<CommandChoice> choices =
        [
            .. filter.Rules
                .Where(r => !r.IsConfigured)
                .Where(r => typed.Length == 0 || r.Id.Contains(typed, StringComparison.OrdinalIgnoreCase) || r.Text.Contains(typed, StringComparison.OrdinalIgnoreCase))
                .Reverse()
                .Take(25)
                .Select(r => new CommandChoice(MemberText.Cut($"{r.Id} — {AdminFilterText.Kind(r.Kind)} {r.Text}", 100), r.Id)),
        ];
        return ValueTask.FromResult(choices);
    }
}
