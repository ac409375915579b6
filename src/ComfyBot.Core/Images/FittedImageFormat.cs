namespace ComfyBot.Core.Images;

/// <summary>The lossy format an image too large for the limit is re-encoded to.</summary>
public enum FittedImageFormat
{
    /// <summary>JPEG: opens everywhere; transparency is flattened onto white.</summary>
    Jpeg,

    /// <summary>WebP: smaller at the same quality and keeps transparency.</summary>
    Webp,
}
