using System.Globalization;
using System.Text;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Store;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>/comfy-admin filter list: every rule with its id, the configured ones first; what does not fit one message is counted, not dropped silently.</summary>
internal sealed class AdminFilterListCommand(AdminAccess access, AuditLog audit, PromptFilter filter) : AdminCommand(access, audit)
{
    /// <summary>Room left for the "and N more" line within Discord's 2,000 characters.</summary>
    private const int Room = 1850;

    protected override string Subcommand => "filter list";

    protected override Task RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var rules = filter.Rules;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**Prompt filter** · {rules.Count} {(rules.Count == 1 ? "rule" : "rules")} (prompts and negative prompts breaking one are refused; members are not told which)\n");
        if (rules.Count == 0)
        {
            text.Append("No rules: every prompt is accepted. /comfy-admin filter add adds one, or ComfyBot:Moderation:BlockedWords / BlockedPatterns in the configuration.");
        }

        var shown = 0;
        foreach (var rule in rules)
        {
            var line = AdminFilterText.Line(rule);
            if (text.Length + line.Length + 1 > Room)
            {
                break;
            }

            text.Append(line).Append('\n');
            shown++;
        }

        if (shown < rules.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"… and {rules.Count - shown} more that do not fit one message (the configured ones are in ComfyBot:Moderation; the added ones in the job store's prompt_filters table).");
        }

        return invocation.TellAsync(text.ToString().TrimEnd(), cancellationToken);
    }
}
