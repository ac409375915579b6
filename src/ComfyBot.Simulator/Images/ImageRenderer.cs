using SkiaSharp;

namespace ComfyBot.Simulator.Images;

/// <summary>
/// Draws the simulator's pictures with SkiaSharp: deterministic from a fingerprint (same inputs, same
/// bytes), sized as the workflow asks, with JPEG previews that visibly converge step by step.
/// </summary>
internal static class ImageRenderer
{
    public const int PreviewMaxSide = 128;

    /// <summary>
    /// A PNG for image <paramref name="index"/> of a batch: RGB without alpha, as ComfyUI saves an IMAGE (its tensors have
    /// three channels), and one solid colour for an <paramref name="solidColor"/> (0xRRGGBB) such as EmptyImage makes.
    /// </summary>
    public static byte[] RenderPng(int width, int height, ulong fingerprint, int index, int? solidColor = null)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgb888x, SKAlphaType.Opaque));
        if (solidColor is { } rgb)
        {
            bitmap.Erase(new SKColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb));
        }
        else
        {
            using var canvas = new SKCanvas(bitmap);
            DrawScene(canvas, width, height, Mix(fingerprint, (ulong)index + 1));
        }

        return Encode(bitmap, SKEncodedImageFormat.Png, 100);
    }

    /// <summary>A small JPEG of step <paramref name="step"/> of <paramref name="steps"/>: the final scene under fading haze.</summary>
    public static byte[] RenderPreviewJpeg(int width, int height, ulong fingerprint, int step, int steps)
    {
        var scale = Math.Min(1.0, (double)PreviewMaxSide / Math.Max(width, height));
        var w = Math.Max(8, (int)(width * scale));
        var h = Math.Max(8, (int)(height * scale));
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            DrawScene(canvas, w, h, Mix(fingerprint, 1));
            var haze = (byte)(220 * (steps - step) / Math.Max(1, steps));
            using var paint = new SKPaint { Color = new SKColor(128, 128, 128, haze) };
            canvas.DrawRect(0, 0, w, h, paint);
            using var bar = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(0, h - 4, w * step / (float)Math.Max(1, steps), 4, bar);
        }

        return Encode(bitmap, SKEncodedImageFormat.Jpeg, 90);
    }

    /// <summary>TraceSleep's preview: a 64x64 JPEG shaded by progress, as trace_nodes.py draws it.</summary>
    public static byte[] RenderShadeJpeg(int step, int steps)
    {
        var shade = (byte)(255 * step / Math.Max(1, steps));
        using var bitmap = new SKBitmap(new SKImageInfo(64, 64, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(new SKColor(shade, 64, (byte)(255 - shade)));
        return Encode(bitmap, SKEncodedImageFormat.Jpeg, 95);
    }

    /// <summary>Width and height of an encoded image, or null when it cannot be decoded.</summary>
    public static (int Width, int Height)? ReadSize(byte[] encoded)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(encoded));
        return codec is null ? null : (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>/view?preview=jpeg;75 or webp;90: the file re-encoded.</summary>
    public static byte[]? Reencode(byte[] encoded, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = SKBitmap.Decode(encoded);
        return bitmap is null ? null : Encode(bitmap, format, quality);
    }

    /// <summary>/view?channel=rgb (alpha dropped) or channel=a (the alpha as an image).</summary>
    public static byte[]? Channel(byte[] encoded, bool alphaOnly)
    {
        using var source = SKBitmap.Decode(encoded);
        if (source is null)
        {
            return null;
        }

        using var result = new SKBitmap(new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, alphaOnly ? SKAlphaType.Unpremul : SKAlphaType.Opaque));
        for (var y = 0; y < source.Height; y++)
        {
            for (var x = 0; x < source.Width; x++)
            {
                var c = source.GetPixel(x, y);
                result.SetPixel(x, y, alphaOnly ? new SKColor(0, 0, 0, c.Alpha) : new SKColor(c.Red, c.Green, c.Blue, 255));
            }
        }

        return Encode(result, SKEncodedImageFormat.Png, 100);
    }

    private static void DrawScene(SKCanvas canvas, int width, int height, ulong seed)
    {
        var rng = new SplitMix(seed);
        using var background = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, 0),
                new SKPoint(width, height),
                [rng.NextColor(255), rng.NextColor(255)],
                SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, 0, width, height, background);
        using var paint = new SKPaint { IsAntialias = true };
        var shapes = 6 + (int)(rng.Next() % 10);
        for (var i = 0; i < shapes; i++)
        {
            paint.Color = rng.NextColor(200);
            var x = (float)(rng.NextDouble() * width);
            var y = (float)(rng.NextDouble() * height);
            var r = (float)(rng.NextDouble() * Math.Min(width, height) / 3) + 2;
            if (rng.Next() % 2 == 0)
            {
                canvas.DrawCircle(x, y, r, paint);
            }
            else
            {
                canvas.DrawRect(x - r, y - r / 2, 2 * r, r, paint);
            }
        }
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        if (format == SKEncodedImageFormat.Png)
        {
            // Fast zlib: the simulator makes many pictures and nobody needs them small.
            using var pixmap = bitmap.PeekPixels();
            using var png = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.NoFilters, 1));
            return png?.ToArray() ?? throw new InvalidOperationException("SkiaSharp could not encode a PNG.");
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    private static ulong Mix(ulong a, ulong b) => new SplitMix(a ^ (b * 0x9E3779B97F4A7C15UL)).Next();

    /// <summary>SplitMix64: a tiny generator whose sequence never changes between runtimes, unlike System.Random.</summary>
    private struct SplitMix(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        public SKColor NextColor(byte alpha)
        {
            var v = Next();
            return new SKColor((byte)v, (byte)(v >> 8), (byte)(v >> 16), alpha);
        }
    }
}
