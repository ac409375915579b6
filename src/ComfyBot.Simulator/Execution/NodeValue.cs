using System.Globalization;

namespace ComfyBot.Simulator.Execution;

/// <summary>
/// What flows along a link in the simulator: a type, the picture geometry it carries (latents and images),
/// a fingerprint of everything upstream (so pictures are deterministic), an INT's value, a SIGMAS' steps.
/// </summary>
internal sealed record NodeValue(string Type, int Width, int Height, int Batch, ulong Fingerprint, long? Number = null, int Steps = 0, int? SolidColor = null)
{
    public bool HasGeometry => Width > 0 && Height > 0;

    /// <summary>How execution_error shows a non-scalar input (ComfyUI str()s tensors and dicts).</summary>
    public override string ToString() => Number is { } n
        ? n.ToString(CultureInfo.InvariantCulture)
        : HasGeometry ? $"<{Type} {Width}x{Height} batch {Batch}>" : $"<{Type}>";
}
