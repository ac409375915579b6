using SkiaSharp;

namespace ComfyBot.Core.Images;

/// <summary>
/// A 2×2 contact sheet of a batch of four, so a member sees the whole batch in one image. Each cell carries its
/// number (1 to 4, reading order) in its top-left corner, the number the reply's U1…U4 and V1…V4 buttons use.
/// </summary>
public static class ImageGrid
{
    /// <summary>How many images a grid holds.</summary>
    public const int Count = 4;

    /// <summary>
    /// Composes four encoded images into one PNG twice the first image's width and height: first top-left, second
    /// top-right, third bottom-left, fourth bottom-right, each numbered. Images of another size are scaled to the
    /// first one's size.
    /// </summary>
    /// <exception cref="ArgumentException">Not exactly four images, or one of them cannot be decoded (its index is named).</exception>
    public static byte[] Compose(IReadOnlyList<ReadOnlyMemory<byte>> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count != Count)
        {
            throw new ArgumentException($"A grid takes exactly {Count} images; got {images.Count}. Send other batch sizes as separate images.", nameof(images));
        }

        var decoded = new SKImage[Count];
        try
        {
            for (var i = 0; i < Count; i++)
            {
                using var data = SKData.CreateCopy(images[i].Span);
                decoded[i] = SKImage.FromEncodedData(data)
                    ?? throw new ArgumentException($"Image {i} of the grid ({images[i].Length} bytes) is not an image SkiaSharp can decode.", nameof(images));
            }

            var cellWidth = decoded[0].Width;
            var cellHeight = decoded[0].Height;
            // Opaque renders make an opaque sheet, which PNG stores as RGB: a quarter fewer bytes to deflate.
            var alpha = decoded.All(d => d.AlphaType == SKAlphaType.Opaque) ? SKAlphaType.Opaque : SKAlphaType.Premul;
            using var sheet = new SKBitmap(new SKImageInfo(cellWidth * 2, cellHeight * 2, SKColorType.Rgba8888, alpha));
            using (var canvas = new SKCanvas(sheet))
            {
                canvas.Clear(SKColors.Transparent);
                using var paint = new SKPaint();
                var sampling = new SKSamplingOptions(SKCubicResampler.Mitchell);
                for (var i = 0; i < Count; i++)
                {
                    var cell = SKRect.Create((i % 2) * cellWidth, (i / 2) * cellHeight, cellWidth, cellHeight);
                    canvas.DrawImage(decoded[i], cell, sampling, paint);
                    GridNumbers.Draw(canvas, cell, i + 1);
                }
            }

            // Fast deflate: the grid is a preview that ImageFitter may re-encode anyway, and level 6 costs several
            // times the CPU for a file only a little smaller.
            using var pixels = sheet.PeekPixels();
            using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, zLibLevel: 1))
                ?? throw new InvalidOperationException($"SkiaSharp could not encode the {cellWidth * 2}×{cellHeight * 2} grid as PNG.");
            return png.ToArray();
        }
        finally
        {
            foreach (var image in decoded)
            {
                image?.Dispose();
            }
        }
    }
}
