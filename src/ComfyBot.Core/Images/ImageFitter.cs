using SkiaSharp;

namespace ComfyBot.Core.Images;

/// <summary>
/// Makes an image fit a byte limit (an interaction's attachment_size_limit): kept as it is when it fits, otherwise
/// re-encoded in a lossy format with the quality stepping down, then scaled down until it fits. The result says
/// what was done so the reply can tell the member.
/// </summary>
public static class ImageFitter
{
    // Aim a little under the estimated size: JPEG size is not exactly proportional to the pixel count.
    private const double ScaleMargin = 0.9;

    /// <summary>Fits <paramref name="image"/> (any format SkiaSharp decodes) into <paramref name="byteLimit"/> bytes.</summary>
    /// <param name="image">The encoded image as ComfyUI produced it.</param>
    /// <param name="fileName">Its file name; the extension changes when the format does.</param>
    /// <param name="byteLimit">The most bytes the attachment may have.</param>
    /// <param name="options">Format, qualities and the smallest side allowed; defaults when null.</param>
    /// <exception cref="ArgumentException">The bytes are not a decodable image, or an option cannot work.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="byteLimit"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">Even at the smallest allowed size the image is over the limit.</exception>
    public static FittedImage Fit(ReadOnlyMemory<byte> image, string fileName, long byteLimit, ImageFitOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (byteLimit <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(byteLimit), byteLimit, "The attachment byte limit must be positive; pass the interaction's attachment_size_limit.");
        }

        options ??= new ImageFitOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        using var data = SKData.CreateCopy(image.Span);
        using var codec = SKCodec.Create(data)
            ?? throw new ArgumentException(
                $"'{fileName}' ({image.Length} bytes) is not an image SkiaSharp can decode (PNG, JPEG, WebP, GIF, BMP); check what the workflow's output node saves.");
        if (image.Length <= byteLimit)
        {
            return new FittedImage(fileName, MediaTypeOf(codec.EncodedFormat), image, codec.Info.Width, codec.Info.Height, ImageFit.Unchanged, null, null);
        }

        using var decoded = SKBitmap.Decode(codec)
            ?? throw new ArgumentException($"'{fileName}' has a readable header but its pixels could not be decoded; the file is probably truncated.");
        using var flattened = options.Format == FittedImageFormat.Jpeg && decoded.AlphaType != SKAlphaType.Opaque ? Flatten(decoded) : null;
        var source = flattened ?? decoded;

        var encodedLength = 0L;
        foreach (var quality in options.Qualities)
        {
            using var encoded = Encode(source, options.Format, quality);
            if (encoded.Size <= byteLimit)
            {
                return Result(fileName, encoded, source, options.Format, quality, ImageFit.Reencoded, byteLimit);
            }

            encodedLength = encoded.Size;
        }

        return Downscale(fileName, source, encodedLength, byteLimit, options);
    }

    private static FittedImage Downscale(string fileName, SKBitmap source, long encodedLength, long byteLimit, ImageFitOptions options)
    {
        var quality = options.Qualities[^1];
        var scale = 1.0;
        while (true)
        {
            // Encoded size grows with the pixel count, so the side scales with the square root of the overshoot.
            scale *= Math.Min(ScaleMargin, Math.Sqrt((double)byteLimit / encodedLength) * ScaleMargin);
            var smallest = Math.Min(source.Width, source.Height);
            var atFloor = smallest * scale <= options.MinimumSide;
            if (atFloor)
            {
                scale = Math.Min(1.0, (double)options.MinimumSide / smallest);
            }

            var width = Math.Max(1, (int)Math.Round(source.Width * scale));
            var height = Math.Max(1, (int)Math.Round(source.Height * scale));
            using var scaled = source.Resize(new SKImageInfo(width, height, source.ColorType, source.AlphaType), new SKSamplingOptions(SKCubicResampler.Mitchell))
                ?? throw new InvalidOperationException($"SkiaSharp could not scale '{fileName}' to {width}×{height}.");
            using var encoded = Encode(scaled, options.Format, quality);
            if (encoded.Size <= byteLimit)
            {
                return Result(fileName, encoded, scaled, options.Format, quality, ImageFit.ReencodedAndScaled, byteLimit);
            }

            if (atFloor)
            {
                throw new InvalidOperationException(
                    $"'{fileName}' does not fit {FittedImage.DescribeLimit(byteLimit)} even as {options.Format} at quality {quality} and {width}×{height}; " +
                    "raise the limit or lower ImageFit:MinimumSide.");
            }

            encodedLength = encoded.Size;
        }
    }

    private static FittedImage Result(string fileName, SKData encoded, SKBitmap pixels, FittedImageFormat format, int quality, ImageFit fit, long byteLimit)
    {
        var name = format == FittedImageFormat.Jpeg ? "JPEG" : "WebP";
        var change = fit == ImageFit.Reencoded ? $"re-encoded as {name}" : $"re-encoded as {name} and scaled to {pixels.Width}×{pixels.Height}";
        return new FittedImage(
            Path.ChangeExtension(fileName, format == FittedImageFormat.Jpeg ? ".jpg" : ".webp"),
            format == FittedImageFormat.Jpeg ? "image/jpeg" : "image/webp",
            encoded.ToArray(),
            pixels.Width,
            pixels.Height,
            fit,
            quality,
            $"{change} to fit Discord's {FittedImage.DescribeLimit(byteLimit)} limit");
    }

    private static SKData Encode(SKBitmap pixels, FittedImageFormat format, int quality) =>
        pixels.Encode(format == FittedImageFormat.Jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Webp, quality)
        ?? throw new InvalidOperationException($"SkiaSharp could not encode a {pixels.Width}×{pixels.Height} image as {format}.");

    // JPEG has no alpha; without flattening, transparent areas come out black instead of the white a viewer expects.
    private static SKBitmap Flatten(SKBitmap decoded)
    {
        var opaque = new SKBitmap(new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(opaque);
        canvas.Clear(SKColors.White);
        canvas.DrawBitmap(decoded, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return opaque;
    }

    internal static string MediaTypeOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Png => "image/png",
        SKEncodedImageFormat.Jpeg => "image/jpeg",
        SKEncodedImageFormat.Webp => "image/webp",
        SKEncodedImageFormat.Gif => "image/gif",
        SKEncodedImageFormat.Bmp => "image/bmp",
        _ => "application/octet-stream",
    };
}
