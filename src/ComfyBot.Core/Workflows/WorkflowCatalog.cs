using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Policies;

namespace ComfyBot.Core.Workflows;

/// <summary>
/// The workflows members can pick, by name (case-insensitive): lookup, autocomplete, and the check of a request's options
/// against what a workflow takes. Immutable once built, so thread-safe.
/// </summary>
public sealed class WorkflowCatalog
{
    private static readonly WorkflowParameter[] Numeric =
    [
        WorkflowParameter.Seed, WorkflowParameter.Width, WorkflowParameter.Height, WorkflowParameter.Batch,
        WorkflowParameter.Steps, WorkflowParameter.Cfg, WorkflowParameter.Denoise, WorkflowParameter.LoraStrength,
    ];

    private readonly Dictionary<string, WorkflowDefinition> _byName;

    /// <summary>Builds the catalog; the first definition is the <see cref="Default"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The definitions are not usable; the message lists every problem (no definitions, duplicate names, a follow-up naming no
    /// definition or one that takes no image, bounds with Min above Max or on an option that is not a number).
    /// </exception>
    public WorkflowCatalog(IEnumerable<WorkflowDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        All = [.. definitions];
        _byName = new Dictionary<string, WorkflowDefinition>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        if (All.Count == 0)
        {
            problems.Add("There are no workflows: configure at least one (a name and a template file).");
        }

        foreach (var definition in All)
        {
            ArgumentNullException.ThrowIfNull(definition, nameof(definitions));
            if (string.IsNullOrWhiteSpace(definition.Name))
            {
                problems.Add("A workflow has an empty name: give each workflow the name members will type.");
            }
            else if (!_byName.TryAdd(definition.Name, definition))
            {
                problems.Add($"Two workflows are named '{definition.Name}' (names ignore case): rename one.");
            }
        }

        foreach (var definition in All)
        {
            CheckFollowUp(definition, nameof(WorkflowDefinition.UpscaleWith), definition.UpscaleWith, problems);
            CheckFollowUp(definition, nameof(WorkflowDefinition.VaryWith), definition.VaryWith, problems);
            foreach (var (parameter, bounds) in definition.Bounds)
            {
                var name = WorkflowParameterNames.Of(parameter);
                if (Array.IndexOf(Numeric, parameter) < 0)
                {
                    problems.Add($"Workflow '{definition.Name}' has bounds for {name}, which is not a number: remove them (bounds apply to {string.Join(", ", Numeric.Select(WorkflowParameterNames.Of))}).");
                }
                else if (!(bounds.Min <= bounds.Max))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"Workflow '{definition.Name}' has bounds for {name} with Min {bounds.Min} above Max {bounds.Max}: swap them."));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The workflows are not valid:\n" + string.Join('\n', problems));
        }
    }

    /// <summary>Every definition, in configured order.</summary>
    public IReadOnlyList<WorkflowDefinition> All { get; }

    /// <summary>The workflow used when a member names none: the first one.</summary>
    public WorkflowDefinition Default => All[0];

    /// <summary>Finds a definition by name, ignoring case.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out WorkflowDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out definition);
    }

    /// <summary>
    /// Autocomplete choices for what a member has typed: names that start with it first, then names that contain it,
    /// each in configured order, ignoring case; everything (up to <paramref name="max"/>) for nothing typed.
    /// </summary>
    public IReadOnlyList<WorkflowDefinition> Complete(string? typed, int max = 25)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var text = typed?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return [.. All.Take(max)];
        }

        var prefix = All.Where(d => d.Name.StartsWith(text, StringComparison.OrdinalIgnoreCase));
        var contains = All.Where(d => !d.Name.StartsWith(text, StringComparison.OrdinalIgnoreCase) && d.Name.Contains(text, StringComparison.OrdinalIgnoreCase));
        return [.. prefix.Concat(contains).Take(max)];
    }

    /// <summary>
    /// The options a member sets on a request (/imagine's, besides the workflow and the image). A template may bind more
    /// (an image, bound by the attachment); the choices from the servers' lists (checkpoint, sampler, scheduler, lora) are here.
    /// </summary>
    public static IReadOnlySet<WorkflowParameter> MemberOptions { get; } = new HashSet<WorkflowParameter>
    {
        WorkflowParameter.Prompt, WorkflowParameter.Negative, WorkflowParameter.Seed, WorkflowParameter.Width,
        WorkflowParameter.Height, WorkflowParameter.Steps, WorkflowParameter.Cfg, WorkflowParameter.Batch,
        WorkflowParameter.Checkpoint, WorkflowParameter.Sampler, WorkflowParameter.Scheduler, WorkflowParameter.Lora,
        WorkflowParameter.LoraStrength, WorkflowParameter.Denoise,
    };

    /// <summary>
    /// Checks a request against its workflow: the workflow exists, every option set is one it takes and within its bounds,
    /// and an image is attached exactly when it takes one. Returns null when the request is fine, or a refusal that says
    /// what was wrong and what is allowed.
    /// </summary>
    /// <param name="workflow">The workflow's name as the member gave it.</param>
    /// <param name="parameters">The options the member set.</param>
    /// <param name="hasImage">Whether the member attached an input image.</param>
    public PolicyRefusal? Check(string workflow, WorkflowParameters parameters, bool hasImage)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!TryGet(workflow, out var definition))
        {
            return new PolicyRefusal(RefusalReason.UnknownWorkflow, $"There is no workflow named '{workflow}'; pick one of: {Names(All)}.");
        }

        var accepted = definition.Accepted;
        foreach (var parameter in Enum.GetValues<WorkflowParameter>())
        {
            if (parameters.IsSet(parameter) && !accepted.Contains(parameter))
            {
                // Only what a member can set: the image comes from the attachment, not an option.
                var takes = string.Join(", ", accepted.Where(MemberOptions.Contains).Order().Select(WorkflowParameterNames.Of));
                // Discord's option list is the same for every workflow: say which ones the option is for.
                var binding = All.Where(d => d.Accepted.Contains(parameter)).Select(d => d.Name).ToList();
                var elsewhere = binding.Count == 0 ? "no workflow here takes it" : $"workflows that take it: {string.Join(", ", binding)}";
                return new PolicyRefusal(
                    RefusalReason.UnsupportedOption,
                    $"Workflow '{definition.Name}' has no {WorkflowParameterNames.Of(parameter)} option; it takes: {(takes.Length == 0 ? "no options" : takes)}. Leave {WorkflowParameterNames.Of(parameter)} out, or pick a workflow that takes it ({elsewhere}).");
            }
        }

        foreach (var (parameter, bounds) in definition.Bounds)
        {
            if (NumberOf(parameters, parameter) is { } value && !bounds.Contains(value))
            {
                return new PolicyRefusal(
                    RefusalReason.OutOfRange,
                    string.Create(CultureInfo.InvariantCulture, $"{WorkflowParameterNames.Of(parameter)} {value:0.###} is outside {bounds} for workflow '{definition.Name}'."));
            }
        }

        if (hasImage && !definition.TakesImage)
        {
            var takingImages = All.Where(d => d.TakesImage).ToList();
            var hint = takingImages.Count == 0 ? "no workflow here takes one" : $"workflows that take one: {Names(takingImages)}";
            return new PolicyRefusal(
                RefusalReason.ImageNotAccepted,
                $"Workflow '{definition.Name}' takes no input image; remove the attachment, or pick a workflow that takes one ({hint}).");
        }

        if (!hasImage && parameters.Image is null && definition.TakesImage)
        {
            return new PolicyRefusal(
                RefusalReason.ImageRequired,
                $"Workflow '{definition.Name}' works on an input image: attach one with the image option.");
        }

        return null;
    }

    private void CheckFollowUp(WorkflowDefinition definition, string key, string? target, List<string> problems)
    {
        if (target is null)
        {
            return;
        }

        if (!_byName.TryGetValue(target, out var followUp))
        {
            problems.Add($"Workflow '{definition.Name}' has {key} '{target}', but no workflow has that name; use one of: {Names(All)}.");
        }
        else if (!followUp.TakesImage)
        {
            problems.Add($"Workflow '{definition.Name}' has {key} '{target}', which takes no input image: point it at a workflow with a LoadImage input.");
        }
    }

    private static string Names(IEnumerable<WorkflowDefinition> definitions) => string.Join(", ", definitions.Select(d => d.Name));

    private static double? NumberOf(WorkflowParameters parameters, WorkflowParameter parameter) => parameter switch
    {
        WorkflowParameter.Seed => parameters.Seed,
        WorkflowParameter.Width => parameters.Width,
        WorkflowParameter.Height => parameters.Height,
        WorkflowParameter.Batch => parameters.Batch,
        WorkflowParameter.Steps => parameters.Steps,
        WorkflowParameter.Cfg => parameters.Cfg,
        WorkflowParameter.Denoise => parameters.Denoise,
        WorkflowParameter.LoraStrength => parameters.LoraStrength,
        _ => null,
    };
}
