namespace ComfyBot.Comfy.Templates;

/// <summary>A parameter a template accepts and every input it goes into.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="Inputs">The inputs it is written into, at least one.</param>
public sealed record ParameterBinding(WorkflowParameter Parameter, IReadOnlyList<BoundInput> Inputs)
{
    /// <summary>The parameter's name, e.g. <c>seed</c>.</summary>
    public string Name => WorkflowParameterNames.Of(Parameter);

    /// <summary>
    /// Whether a render must supply the value: true when an input holds only a placeholder (the template has no value of
    /// its own there). The seed is never required; it is drawn at random.
    /// </summary>
    public bool IsRequired => Parameter != WorkflowParameter.Seed && Inputs.Any(i => i.Source == BindingSource.Placeholder);

    /// <inheritdoc />
    public override string ToString() => $"{Name} -> {string.Join(", ", Inputs.Select(i => i.Path))}";
}
