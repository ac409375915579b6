using ComfyBot.Comfy.Templates;

namespace ComfyBot.Core.Workflows;

/// <summary>A workflow members can pick: its template, what it is for, the bounds of its options and its follow-ups.</summary>
/// <param name="Name">The name members type and autocomplete, e.g. <c>txt2img</c>.</param>
/// <param name="Template">The ComfyUI workflow with its parameter bindings.</param>
public sealed record WorkflowDefinition(string Name, WorkflowTemplate Template)
{
    /// <summary>What the workflow does, for /workflows and autocomplete.</summary>
    /// <value>Empty.</value>
    public string Description { get; init; } = string.Empty;

    /// <summary>Inclusive bounds of numeric options; an option without bounds takes any value the server accepts.</summary>
    /// <value>No bounds.</value>
    public IReadOnlyDictionary<WorkflowParameter, ParameterBounds> Bounds { get; init; } = new Dictionary<WorkflowParameter, ParameterBounds>();

    /// <summary>The name of the definition the Upscale button runs on a result; it must take an image. Null: no button.</summary>
    public string? UpscaleWith { get; init; }

    /// <summary>The name of the definition the Vary button runs on a result; it must take an image. Null: no button.</summary>
    public string? VaryWith { get; init; }

    /// <summary>Whether a batch of exactly four also gets a 2×2 grid, sent before the four images.</summary>
    public bool Grid { get; init; }

    /// <summary>Whether the template binds an input image (members attach one).</summary>
    public bool TakesImage => Template.Accepts(WorkflowParameter.Image);

    /// <summary>The options the template can bind.</summary>
    public IReadOnlySet<WorkflowParameter> Accepted => Template.Bindings.Select(b => b.Parameter).ToHashSet();

    /// <summary>Whether it makes adult content: it runs only in channels Discord marks age-restricted (nsfw).</summary>
    public bool Nsfw { get; init; }
}
