namespace ComfyBot.Comfy.Templates;

/// <summary>How a template found that a parameter goes into an input.</summary>
public enum BindingSource
{
    /// <summary>An explicit <c>&lt;node id&gt;.inputs.&lt;input name&gt;</c> path from configuration.</summary>
    Configuration,

    /// <summary>A whole-value placeholder such as <c>"{{prompt}}"</c> in the workflow.</summary>
    Placeholder,

    /// <summary>Found by looking at the graph (samplers, their conditioning, latents, loaders).</summary>
    AutoDetected,
}
