namespace ComfyBot.Core.Images;

/// <summary>What <see cref="ImageFitter"/> had to do to an image.</summary>
public enum ImageFit
{
    /// <summary>The image fitted as it was; its bytes are unchanged.</summary>
    Unchanged,

    /// <summary>Re-encoded in a lossy format at full size.</summary>
    Reencoded,

    /// <summary>Re-encoded in a lossy format and scaled down.</summary>
    ReencodedAndScaled,
}
