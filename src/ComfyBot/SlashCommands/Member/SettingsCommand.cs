using System.Globalization;
using System.Text;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;

namespace ComfyBot.SlashCommands.Member;

/// <summary>
/// /settings [workflow] [negative] [ar] [steps] [private] [grid] [reset]: the member's defaults for /imagine, stored
/// in the job store. Without options it shows them; with options it changes those and shows the result. Each
/// default is checked as it is set and again when it is shown: one that no longer fits says why.
/// </summary>
internal sealed class SettingsCommand(MemberSettingsStore memberSettings, WorkflowCatalog catalog, MemberDefaults defaults) : ISlashCommand
{
    /// <summary>The grid option's values.</summary>
    public const string GridOnly = "grid";

    /// <inheritdoc cref="GridOnly"/>
    public const string GridAndSingles = "grid+singles";

    public string Route => "settings";

    public async Task HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var command = invocation.Interaction.Command!;
        var current = await memberSettings.GetSettingsAsync(invocation.MemberId, cancellationToken);
        var updated = current;
        var changed = false;
        if (command.GetString("reset") is { } reset)
        {
            updated = reset switch
            {
                "workflow" => updated with { Workflow = null },
                "negative" => updated with { Negative = null },
                "ar" => updated with { AspectRatio = null },
                "steps" => updated with { Steps = null },
                "private" => updated with { Private = null },
                "grid" => updated with { Grid = GridLayout.Unset },
                _ => MemberSettings.None,
            };
            changed = true;
        }

        if (command.GetString("workflow")?.Trim() is { Length: > 0 } workflow)
        {
            if (!catalog.TryGet(workflow, out var definition))
            {
                await invocation.TellAsync($"There is no workflow named '{workflow}'; pick one of: {string.Join(", ", catalog.All.Select(d => d.Name))}. Nothing was changed.", cancellationToken);
                return;
            }

            updated = updated with { Workflow = definition.Name };
            changed = true;
        }

        if (command.GetString("negative") is { Length: > 0 } negative)
        {
            updated = updated with { Negative = negative.Trim() };
            changed = true;
        }

        if (command.GetString("ar") is { } ar)
        {
            if (!AspectRatio.TryParse(ar, out var ratio, out var error))
            {
                await invocation.TellAsync($"{error} Nothing was changed.", cancellationToken);
                return;
            }

            updated = updated with { AspectRatio = ratio.ToString() };
            changed = true;
        }

        if (command.GetInteger("steps") is { } steps)
        {
            updated = updated with { Steps = (int)Math.Clamp(steps, 1, int.MaxValue) };
            changed = true;
        }

        if (command.GetBoolean("private") is { } isPrivate)
        {
            updated = updated with { Private = isPrivate };
            changed = true;
        }

        if (command.GetString("grid") is { } grid)
        {
            updated = updated with { Grid = grid == GridOnly ? GridLayout.GridOnly : GridLayout.GridAndSingles };
            changed = true;
        }

        if (changed)
        {
            await memberSettings.SaveSettingsAsync(invocation.MemberId, updated, cancellationToken);
        }

        await invocation.TellAsync(Describe(invocation, updated, changed), cancellationToken);
    }

    /// <summary>The member's defaults, each with what it does now, and a warning on each that no longer fits.</summary>
    private string Describe(Invocation invocation, MemberSettings settings, bool changed)
    {
        var text = new StringBuilder(changed ? "Saved. " : string.Empty);
        if (settings.IsEmpty)
        {
            return text.Append("You have no defaults: /imagine uses each workflow's own values. Set some with /settings, e.g. /settings steps: 20 ar: 16:9.").ToString();
        }

        text.Append("Your defaults for /imagine (an option you give always wins):\n");
        var definition = catalog.Default;
        if (settings.Workflow is { } workflow)
        {
            if (catalog.TryGet(workflow, out var found))
            {
                definition = found;
                text.Append(CultureInfo.InvariantCulture, $"• workflow: {workflow}\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"• workflow: {workflow} ⚠️ no longer configured: '{catalog.Default.Name}' runs instead; pick another with /settings workflow.\n");
            }
        }

        if (settings.Negative is { } negative)
        {
            text.Append(CultureInfo.InvariantCulture, $"• negative: {MemberText.EscapeAndCut(negative, 300)}\n");
        }

        if (settings.AspectRatio is { } ar)
        {
            text.Append(CultureInfo.InvariantCulture, $"• ar: {ar}\n");
        }

        if (settings.Steps is { } steps)
        {
            var problem = defaults.StepsProblem(invocation, definition, steps);
            text.Append(CultureInfo.InvariantCulture, $"• steps: {steps}{(problem is null ? string.Empty : " " + problem)}\n");
        }

        if (settings.Private is { } isPrivate)
        {
            text.Append(isPrivate ? "• private replies: on (only you see your results; a private reply cannot be followed after 15 minutes)\n" : "• private replies: off\n");
        }

        if (settings.Grid != GridLayout.Unset)
        {
            text.Append(settings.Grid == GridLayout.GridOnly ? "• grid: the numbered grid alone\n" : "• grid: the numbered grid and the single images\n");
        }

        text.Append("Change one with /settings <option>, forget one or all with /settings reset.");
        return text.ToString();
    }
}
