using System.Globalization;
using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Images;

/// <summary>An image that fits the attachment limit, and what was done to make it fit.</summary>
/// <param name="FileName">The file name; its extension follows the format (a re-encoded image.png becomes image.jpg).</param>
/// <param name="MediaType">The MIME type of <paramref name="Content"/>.</param>
/// <param name="Content">The encoded image, at most the limit it was fitted to.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Fit">What was done to it.</param>
/// <param name="Quality">The encoder quality (0…100) used when re-encoded; null when unchanged.</param>
/// <param name="Note">A short sentence for the reply when the image changed, e.g. "re-encoded as JPEG to fit Discord's 10 MB limit"; null when unchanged.</param>
public sealed record FittedImage(
    string FileName,
    string MediaType,
    ReadOnlyMemory<byte> Content,
    int Width,
    int Height,
    ImageFit Fit,
    int? Quality,
    string? Note)
{
    /// <summary>The attachment for a <see cref="ReplyState"/>.</summary>
    public ReplyImage ToReplyImage() => new(FileName, MediaType, Content);

    /// <summary>Describes a byte limit the way the reply shows it: 10 MB, 512 KB, 900 bytes.</summary>
    public static string DescribeLimit(long bytes)
    {
        const long Kb = 1024;
        const long Mb = 1024 * Kb;
        return bytes switch
        {
            >= Mb when bytes % Mb == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / Mb} MB"),
            >= Mb => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)Mb:0.#} MB"),
            >= Kb => string.Create(CultureInfo.InvariantCulture, $"{bytes / Kb} KB"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
        };
    }
}
