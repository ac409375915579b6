using System.Text.Json;

namespace ComfyBot.Comfy.Nodes;

/// <summary>One input a node class declares, with the constraints the server validates against.</summary>
public sealed class NodeInput
{
    /// <summary>The socket type a combo input reports, whichever of the two encodings the server used.</summary>
    public const string ComboType = "COMBO";

    internal NodeInput(
        string name,
        string type,
        bool isRequired,
        IReadOnlyList<string>? options,
        JsonElement? defaultValue,
        decimal? minimum,
        decimal? maximum,
        decimal? step,
        string? modelFolder,
        bool isUpload)
    {
        Name = name;
        Type = type;
        IsRequired = isRequired;
        Options = options;
        Default = defaultValue;
        Minimum = minimum;
        Maximum = maximum;
        Step = step;
        ModelFolder = modelFolder;
        IsUpload = isUpload;
    }

    /// <summary>The input's name as it appears under <c>inputs</c> in an API-format workflow.</summary>
    public string Name { get; }

    /// <summary>
    /// The declared type: <c>INT</c>, <c>FLOAT</c>, <c>STRING</c>, <c>BOOLEAN</c>, <see cref="ComboType"/>, or a socket
    /// type such as <c>MODEL</c>; <c>*</c> accepts anything and comma-separated types accept any of their parts.
    /// </summary>
    public string Type { get; }

    /// <summary>True for inputs under <c>required</c>, false for <c>optional</c> ones.</summary>
    public bool IsRequired { get; }

    /// <summary>Whether the input is a combo (a choice from <see cref="Options"/>).</summary>
    public bool IsCombo => Type == ComboType;

    /// <summary>
    /// A combo's choices as the server listed them (V1 <c>[["a","b"], {...}]</c> or V3 <c>["COMBO", {"options": [...]}]</c>);
    /// null when the input is not a combo. Empty when the server lists none (e.g. an empty model folder or a remote list).
    /// </summary>
    public IReadOnlyList<string>? Options { get; }

    /// <summary>The declared default value, when the server gives one.</summary>
    public JsonElement? Default { get; }

    /// <summary>The smallest accepted number, when declared. Decimal so that seed bounds up to 2^64−1 stay exact.</summary>
    public decimal? Minimum { get; }

    /// <summary>The largest accepted number, when declared (seeds: 18446744073709551615).</summary>
    public decimal? Maximum { get; }

    /// <summary>The widget's step, when declared. The server does not enforce it.</summary>
    public decimal? Step { get; }

    /// <summary>
    /// For a combo that chooses a model file (<c>ckpt_name</c>, <c>lora_name</c>, <c>vae_name</c> …), the model folder that
    /// GET /models/{folder} lists (<c>checkpoints</c>, <c>loras</c>, <c>vae</c> …); null otherwise.
    /// </summary>
    public string? ModelFolder { get; }

    /// <summary>Whether the input chooses a model file (see <see cref="ModelFolder"/>).</summary>
    public bool IsModelFile => ModelFolder is not null;

    /// <summary>
    /// Whether the combo names an uploaded file (<c>image_upload</c> and the like). The server checks such values against
    /// its input folder rather than the listed options, so a freshly uploaded name is valid even if the catalogue predates it.
    /// </summary>
    public bool IsUpload { get; }
}
