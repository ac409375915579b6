using System.Text.Json;

namespace ComfyBot.Comfy.Templates;

/// <summary>
/// What a template accepts for one parameter on a given server: the template's own value and the bounds or choices the
/// server's catalogue declares for every input the parameter goes into (their intersection).
/// </summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="IsRequired">Whether a render must supply it (a placeholder with no value of its own).</param>
/// <param name="TemplateValue">The value in the template's first bound input, when it holds one (not a placeholder).</param>
/// <param name="Minimum">The largest of the declared minimums, when any input declares one.</param>
/// <param name="Maximum">The smallest of the declared maximums, when any input declares one.</param>
/// <param name="Step">The declared step of the first input that declares one.</param>
/// <param name="Choices">For combos (sampler, scheduler, checkpoint …): the choices every bound input accepts; null otherwise.</param>
public sealed record ParameterSpec(
    WorkflowParameter Parameter,
    bool IsRequired,
    JsonElement? TemplateValue,
    decimal? Minimum,
    decimal? Maximum,
    decimal? Step,
    IReadOnlyList<string>? Choices)
{
    /// <summary>The parameter's name, e.g. <c>steps</c>.</summary>
    public string Name => WorkflowParameterNames.Of(Parameter);
}
