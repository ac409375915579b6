namespace ComfyBot.Comfy.Events;

/// <summary><c>feature_flags</c>: the server's reply to the client's feature flags.</summary>
/// <param name="SupportsPreviewMetadata">Whether the server sends previews with metadata (binary type 4).</param>
/// <param name="MaxUploadSize">The server's largest accepted request body in bytes, when it says.</param>
public sealed record FeatureFlagsEvent(bool SupportsPreviewMetadata, long? MaxUploadSize) : ComfyEvent((string?)null);
