using System.Globalization;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Store;
using ComfyBot.Core.Workflows;

namespace ComfyBot.SlashCommands;

/// <summary>
/// A member's /settings defaults applied to their /imagine: each fills an option they left out, and an option given
/// always wins. Never silent: the reply names the defaults it used, and a default that no longer fits (its workflow
/// removed, steps over the member's limit, an option the workflow lacks) is named with why it was not used.
/// </summary>
internal sealed class MemberDefaults(MemberSettingsStore memberSettings, WorkflowCatalog catalog, JobPolicy policy)
{
    /// <summary>The request with the member's defaults filled in, the settings read, and the caption lines to show.</summary>
    public async Task<AppliedDefaults> ApplyAsync(Invocation invocation, ImagineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(request);
        var settings = await memberSettings.GetSettingsAsync(invocation.MemberId, cancellationToken);
        if (settings.IsEmpty)
        {
            return new AppliedDefaults(request, settings, []);
        }

        var used = new List<string>();
        var notes = new List<string>();
        var workflow = request.Workflow;
        if (workflow is null && settings.Workflow is { } preferred)
        {
            if (catalog.TryGet(preferred, out _))
            {
                workflow = preferred;
                used.Add($"workflow {preferred}");
            }
            else
            {
                notes.Add($"⚠️ Your default workflow '{preferred}' is no longer configured, so '{catalog.Default.Name}' ran; pick another with /settings workflow.");
            }
        }

        if (!catalog.TryGet(workflow ?? catalog.Default.Name, out var definition))
        {
            // An unknown workflow the member typed: /imagine refuses it with the list; nothing else to fill in.
            return new AppliedDefaults(request, settings, []);
        }

        var parameters = request.Parameters;
        var accepted = definition.Accepted;
        if (parameters.Negative is null && settings.Negative is { } negative)
        {
            if (accepted.Contains(WorkflowParameter.Negative))
            {
                parameters = parameters with { Negative = negative };
                used.Add("negative");
            }
            else
            {
                notes.Add($"⚠️ Your default negative was not used: workflow '{definition.Name}' takes no negative prompt.");
            }
        }

        if (parameters.Steps is null && settings.Steps is { } steps)
        {
            if (StepsProblem(invocation, definition, steps) is { } problem)
            {
                notes.Add(problem);
            }
            else
            {
                parameters = parameters with { Steps = steps };
                used.Add(string.Create(CultureInfo.InvariantCulture, $"steps {steps}"));
            }
        }

        var ratio = request.Ratio;
        if (ratio is null && parameters.Width is null && parameters.Height is null && settings.AspectRatio is { } ar)
        {
            if (!accepted.Contains(WorkflowParameter.Width) || !accepted.Contains(WorkflowParameter.Height))
            {
                notes.Add($"⚠️ Your default ar {ar} was not used: workflow '{definition.Name}' takes no width and height.");
            }
            else if (AspectRatio.TryParse(ar, out var parsed, out var error))
            {
                ratio = parsed;
                used.Add($"ar {parsed}");
            }
            else
            {
                notes.Add($"⚠️ Your default ar {ar} was not used: {error} Change it with /settings ar.");
            }
        }

        if (used.Count > 0)
        {
            notes.Insert(0, $"⚙️ Your defaults (/settings): {string.Join(", ", used)}.");
        }

        return new AppliedDefaults(request with { Workflow = workflow, Parameters = parameters, Ratio = ratio }, settings, notes);
    }

    /// <summary>Why a default number of steps cannot run now (the member's limit, or the workflow's bounds); null when it can.</summary>
    public string? StepsProblem(Invocation invocation, WorkflowDefinition definition, int steps)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(definition);
        if (!definition.Accepted.Contains(WorkflowParameter.Steps))
        {
            return $"⚠️ Your default steps {steps} were not used: workflow '{definition.Name}' takes no steps.";
        }

        if (policy.Resolve(invocation.MemberId, invocation.RoleIds).Steps is { } limit && steps > limit.Value)
        {
            return string.Create(CultureInfo.InvariantCulture, $"⚠️ Your default steps {steps} are over your limit of {limit.Value} ({limit.Source}), so the workflow's own steps ran; lower it with /settings steps.");
        }

        if (definition.Bounds.TryGetValue(WorkflowParameter.Steps, out var bounds) && !bounds.Contains(steps))
        {
            return string.Create(CultureInfo.InvariantCulture, $"⚠️ Your default steps {steps} are outside {bounds} for workflow '{definition.Name}', so its own steps ran; change it with /settings steps.");
        }

        return null;
    }
}

/// <summary>An /imagine request with the member's defaults filled in.</summary>
/// <param name="Request">The request to run.</param>
/// <param name="Settings">The member's settings as read (privacy and grid apply to the reply).</param>
/// <param name="Notes">Caption lines: the defaults used, and each one not used with why.</param>
internal sealed record AppliedDefaults(ImagineRequest Request, MemberSettings Settings, IReadOnlyList<string> Notes)
{
    /// <summary>The caption for <see cref="JobSubmitter"/>.</summary>
    public SubmitCaption Caption => new() { Notes = Notes, Settings = Settings };
}
