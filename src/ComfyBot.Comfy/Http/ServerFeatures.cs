namespace ComfyBot.Comfy.Http;

/// <summary>GET /features: what the server supports.</summary>
/// <param name="SupportsPreviewMetadata">Whether it can send previews with metadata (binary type 4).</param>
/// <param name="MaxUploadSize">The largest request body it accepts, in bytes, when it says.</param>
public sealed record ServerFeatures(bool SupportsPreviewMetadata, long? MaxUploadSize);
