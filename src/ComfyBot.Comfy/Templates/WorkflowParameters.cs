using System.Globalization;

namespace ComfyBot.Comfy.Templates;

/// <summary>
/// The values to put into a template. Unset (null) values leave the template's own value in place, except the seed, which
/// is drawn at random when the template binds one. Setting a value the template does not bind is an error at render time.
/// </summary>
public sealed record WorkflowParameters
{
    /// <summary>An empty set: render the template as it is, with a random seed.</summary>
    public static WorkflowParameters None { get; } = new();

    /// <summary>The positive text.</summary>
    public string? Prompt { get; init; }

    /// <summary>The negative text.</summary>
    public string? Negative { get; init; }

    /// <summary>The seed for every seed input; null draws one at random.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Latent width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Latent height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Images per run (the latent's batch_size).</summary>
    public int? Batch { get; init; }

    /// <summary>Sampling steps.</summary>
    public int? Steps { get; init; }

    /// <summary>Classifier-free guidance scale; must be finite.</summary>
    public double? Cfg { get; init; }

    /// <summary>Sampler name, e.g. <c>euler</c>.</summary>
    public string? Sampler { get; init; }

    /// <summary>Scheduler name, e.g. <c>karras</c>.</summary>
    public string? Scheduler { get; init; }

    /// <summary>Checkpoint file name as the server lists it.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>Denoise strength, 0 … 1; must be finite.</summary>
    public double? Denoise { get; init; }

    /// <summary>Input image name as POST /upload/image returned it (with its subfolder, if any).</summary>
    public string? Image { get; init; }

    /// <summary>LoRA file name as the server lists it (GET /models/loras).</summary>
    public string? Lora { get; init; }

    /// <summary>LoRA strength, written to the loader's model and clip strengths; must be finite.</summary>
    public double? LoraStrength { get; init; }

    /// <summary>
    /// Builds parameters from name/text pairs, e.g. a command line's <c>steps=30</c>. Numbers use the invariant culture.
    /// </summary>
    /// <exception cref="ArgumentException">A name is unknown or a value does not parse; the message names which and why.</exception>
    public static WorkflowParameters Parse(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new WorkflowParameters();
        foreach (var (name, text) in values)
        {
            result = WorkflowParameterNames.Parse(name) switch
            {
                WorkflowParameter.Prompt => result with { Prompt = text },
                WorkflowParameter.Negative => result with { Negative = text },
                WorkflowParameter.Seed => result with { Seed = ParseSeed(text) },
                WorkflowParameter.Width => result with { Width = ParseInt(name, text) },
                WorkflowParameter.Height => result with { Height = ParseInt(name, text) },
                WorkflowParameter.Batch => result with { Batch = ParseInt(name, text) },
                WorkflowParameter.Steps => result with { Steps = ParseInt(name, text) },
                WorkflowParameter.Cfg => result with { Cfg = ParseDouble(name, text) },
                WorkflowParameter.Sampler => result with { Sampler = text },
                WorkflowParameter.Scheduler => result with { Scheduler = text },
                WorkflowParameter.Checkpoint => result with { Checkpoint = text },
                WorkflowParameter.Denoise => result with { Denoise = ParseDouble(name, text) },
                WorkflowParameter.Image => result with { Image = text },
                WorkflowParameter.Lora => result with { Lora = text },
                WorkflowParameter.LoraStrength => result with { LoraStrength = ParseDouble(name, text) },
                _ => throw new ArgumentException($"Parameter '{name}' has no parser."),
            };
        }

        return result;
    }

    /// <summary>Whether <paramref name="parameter"/> has a value.</summary>
    public bool IsSet(WorkflowParameter parameter) => parameter switch
    {
        WorkflowParameter.Prompt => Prompt is not null,
        WorkflowParameter.Negative => Negative is not null,
        WorkflowParameter.Seed => Seed.HasValue,
        WorkflowParameter.Width => Width.HasValue,
        WorkflowParameter.Height => Height.HasValue,
        WorkflowParameter.Batch => Batch.HasValue,
        WorkflowParameter.Steps => Steps.HasValue,
        WorkflowParameter.Cfg => Cfg.HasValue,
        WorkflowParameter.Sampler => Sampler is not null,
        WorkflowParameter.Scheduler => Scheduler is not null,
        WorkflowParameter.Checkpoint => Checkpoint is not null,
        WorkflowParameter.Denoise => Denoise.HasValue,
        WorkflowParameter.Image => Image is not null,
        WorkflowParameter.Lora => Lora is not null,
        WorkflowParameter.LoraStrength => LoraStrength.HasValue,
        _ => false,
    };

    private static ulong ParseSeed(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new ArgumentException($"Parameter 'seed' must be a whole number from 0 to {ulong.MaxValue}; got '{text}'.");

    private static int ParseInt(string name, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"Parameter '{name}' must be a whole number; got '{text}'.");

    private static double ParseDouble(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"Parameter '{name}' must be a number such as 7.5 (with a dot); got '{text}'.");
}
