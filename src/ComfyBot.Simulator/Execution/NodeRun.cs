using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Execution;

/// <summary>Everything one node execution needs: who it is, its inputs, and how to report a step.</summary>
internal sealed record NodeRun(
    string PromptId,
    string? ClientId,
    string NodeId,
    string ClassType,
    JsonObject Inputs,
    IReadOnlyDictionary<string, NodeValue> LinkedValues,
    IReadOnlyList<string> OutputTypes,
    ulong Fingerprint,
    Func<int, int, byte[]?, Task> ReportStepAsync)
{
    /// <summary>
    /// Reports step k of N with a full PNG as its picture, as <c>ProgressBar.update_absolute(k, N, ("PNG", img, None))</c>
    /// does in ComfyUI: how SaveImageWebsocket sends its images.
    /// </summary>
    public Func<int, int, byte[], Task> ReportImageAsync { get; init; } = (_, _, _) => Task.CompletedTask;

    public NodeValue? Linked(string input) => LinkedValues.GetValueOrDefault(input);

    public long Int(string input, long fallback) =>
        Inputs[input] is JsonValue v && long.TryParse(v.ToJsonString(), out var n) ? n
        : Linked(input)?.Number ?? fallback;

    public double Float(string input, double fallback) =>
        Inputs[input] is JsonValue v && double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : fallback;

    public string Text(string input, string fallback) =>
        Inputs[input] is JsonValue v && v.TryGetValue<string>(out var s) ? s : fallback;

    public bool Bool(string input) => Inputs[input] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>The first linked picture (latent or image), which pass-through nodes keep the geometry of.</summary>
    public NodeValue? FirstPicture() => LinkedValues.Values.FirstOrDefault(v => v.HasGeometry);
}
