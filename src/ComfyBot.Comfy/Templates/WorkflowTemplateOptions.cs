namespace ComfyBot.Comfy.Templates;

/// <summary>How to load a template: its name, explicit bindings, and where random seeds come from.</summary>
public sealed class WorkflowTemplateOptions
{
    /// <summary>The name used in messages and reports.</summary>
    /// <value>Default: the file name for <see cref="WorkflowTemplate.LoadAsync"/>, <c>workflow</c> for <see cref="WorkflowTemplate.Parse"/>.</value>
    public string? Name { get; init; }

    /// <summary>
    /// Explicit bindings: parameter name → one or more <c>&lt;node id&gt;.inputs.&lt;input name&gt;</c> paths, e.g.
    /// <c>"seed": ["3.inputs.seed", "12.inputs.noise_seed"]</c>. These win over placeholders and auto-detection.
    /// </summary>
    /// <value>Default: none.</value>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Bindings { get; init; }

    /// <summary>Whether to auto-detect parameters that neither configuration nor placeholders bind.</summary>
    /// <value>Default: true.</value>
    public bool AutoDetect { get; init; } = true;

    /// <summary>
    /// Where seeds come from when a render gives none. Must be safe to share if the template renders on several threads.
    /// </summary>
    /// <value>Default: <see cref="Random.Shared"/>.</value>
    public Random? SeedRandom { get; init; }

    /// <summary>
    /// Whether to load the template despite problems in its nodes, links or binding configuration, leaving out what is
    /// wrong and listing it in <see cref="WorkflowTemplate.LoadProblems"/>, so that a checker can report every problem at
    /// once, next to a server's. A template loaded so may not run as meant: only checkers set this.
    /// </summary>
    /// <value>Default: false: the first load throws one <see cref="WorkflowTemplateException"/> that lists every problem.</value>
    public bool CollectProblems { get; init; }
}
