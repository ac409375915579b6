namespace ComfyBot.Comfy.Tracking;

/// <summary>A sampler preview of the running job.</summary>
/// <param name="Data">The encoded image (a slice of the received frame).</param>
/// <param name="MimeType"><c>image/jpeg</c> or <c>image/png</c>.</param>
public sealed record PreviewImage(ReadOnlyMemory<byte> Data, string MimeType);
