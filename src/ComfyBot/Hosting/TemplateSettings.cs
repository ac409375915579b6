namespace ComfyBot.Hosting;

/// <summary>One workflow template members can pick (<c>ComfyBot:Templates:N</c>).</summary>
internal sealed class TemplateSettings
{
    /// <summary>The name members pick in /imagine's workflow option, e.g. <c>sd15</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The API-format workflow file; relative paths are relative to the working folder.</summary>
    public string File { get; set; } = string.Empty;

    /// <summary>What it does, shown by /workflows and in autocomplete.</summary>
    public string? Description { get; set; }

    /// <summary>Explicit bindings: parameter name → <c>&lt;node&gt;.inputs.&lt;input&gt;</c> paths.</summary>
    public Dictionary<string, List<string>> Bindings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Allowed ranges per parameter (steps, width, height, batch, cfg, ...): values outside are refused with the range.</summary>
    public Dictionary<string, BoundSettings> Bounds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The template the Upscale button runs on a result (it must take an image).</summary>
    public string? UpscaleWith { get; set; }

    /// <summary>The template the Vary button runs on a result (it must take an image).</summary>
    public string? VaryWith { get; set; }

    /// <summary>Whether a batch of four also gets a 2×2 grid image. <value>false.</value></summary>
    public bool Grid { get; set; }

    /// <summary>Whether it makes adult content: it runs only in channels Discord marks age-restricted. <value>false.</value></summary>
    public bool Nsfw { get; set; }
}
