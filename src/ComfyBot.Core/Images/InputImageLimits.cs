using System.Globalization;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using SkiaSharp;

namespace ComfyBot.Core.Images;

/// <summary>
/// Checks an input image by what it really is, read from its header before any pixel is decoded: its format, and its
/// width and height against a member's MaxPixels and MaxSide (an img2img output has the input's size, so a large
/// attachment is a large job) and against a hard cap that refuses decompression bombs for everyone.
/// </summary>
public static class InputImageLimits
{
    /// <summary>No input image may claim more pixels than this, whoever sends it: far past what a GPU job takes.</summary>
    public const long HardMaxPixels = 64L * 1024 * 1024;

    /// <summary>No input image may claim a side longer than this (ComfyUI's own size inputs stop at 16384).</summary>
    public const int HardMaxSide = 16384;

    private static readonly SKEncodedImageFormat[] Formats =
        [SKEncodedImageFormat.Png, SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Webp, SKEncodedImageFormat.Gif, SKEncodedImageFormat.Bmp];

    /// <summary>A refusal the member can act on, or null when the image may be queued.</summary>
    public static PolicyRefusal? Check(InputImage image, MemberLimits limits)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(limits);
        using var data = SKData.CreateCopy(image.Content.Span);
        using var codec = SKCodec.Create(data);
        if (codec is null || !Formats.Contains(codec.EncodedFormat))
        {
            return new PolicyRefusal(
                RefusalReason.OutOfRange,
                $"The attached file '{image.FileName}' is not an image the GPU server can read (whatever its name or declared type says); attach a PNG, JPEG or WebP.");
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var pixels = (long)width * height;
        if (width <= 0 || height <= 0 || pixels > HardMaxPixels || Math.Max(width, height) > HardMaxSide)
        {
            return new PolicyRefusal(
                RefusalReason.OutOfRange,
                string.Create(CultureInfo.InvariantCulture, $"The attached image '{image.FileName}' claims to be {width}x{height} pixels, more than any job may take (at most {HardMaxSide} on a side and {HardMaxPixels:N0} pixels): a decompression bomb, or a file to scale down first. Nothing was queued."));
        }

        var problems = new List<string>();
        if (limits.Side is { } side && Math.Max(width, height) > side.Value)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"its longer side, {Math.Max(width, height)}, is above your limit of {side.Value} ({side.Source})"));
        }

        if (limits.Pixels is { } budget && pixels > budget.Value)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"its {pixels:N0} pixels are above your limit of {budget.Value:N0} ({budget.Source})"));
        }

        if (problems.Count == 0)
        {
            return null;
        }

        var (fitWidth, fitHeight) = Fit(width, height, limits.Pixels?.Value, limits.Side?.Value);
        return new PolicyRefusal(
            RefusalReason.OutOfRange,
            string.Create(CultureInfo.InvariantCulture, $"The attached image '{image.FileName}' is {width}x{height}: {string.Join(", and ", problems)}. Scale it to {fitWidth}x{fitHeight} or smaller and attach it again."));
    }

    /// <summary>The same shape, scaled down into both limits.</summary>
    private static (long Width, long Height) Fit(int width, int height, long? maxPixels, long? maxSide)
    {
        var scale = 1.0;
        if (maxPixels is { } p && (long)width * height > p)
        {
            scale = Math.Min(scale, Math.Sqrt((double)p / ((double)width * height)));
        }

        if (maxSide is { } s && Math.Max(width, height) > s)
        {
            scale = Math.Min(scale, (double)s / Math.Max(width, height));
        }

        return (Math.Max(1, (long)Math.Floor(width * scale)), Math.Max(1, (long)Math.Floor(height * scale)));
    }
}
