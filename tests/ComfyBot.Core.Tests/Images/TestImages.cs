using SkiaSharp;

namespace ComfyBot.Core.Tests.Images;

/// <summary>Images made on the spot with SkiaSharp, so the tests need no binary fixtures.</summary>
internal static class TestImages
{
    /// <summary>Random pixels: PNG cannot compress them, so the file is about 4 bytes per pixel.</summary>
    public static byte[] NoisyPng(int width, int height, int seed = 7)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        return Encode(bitmap, SKEncodedImageFormat.Png);
    }

    /// <summary>A smooth gradient with light grain: large as PNG, small as JPEG, like a real render.</summary>
    public static byte[] GrainyGradientPng(int width, int height, int seed = 7)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                byte Grain(int value) => (byte)Math.Clamp(value + random.Next(-12, 13), 0, 255);
                bitmap.SetPixel(x, y, new SKColor(Grain(x * 255 / width), Grain(y * 255 / height), Grain(128)));
            }
        }

        return Encode(bitmap, SKEncodedImageFormat.Png);
    }

    public static byte[] SolidPng(int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(color);
        return Encode(bitmap, SKEncodedImageFormat.Png);
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 100)
    {
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    public static SKBitmap Decode(ReadOnlyMemory<byte> image) =>
        SKBitmap.Decode(image.ToArray()) ?? throw new InvalidOperationException("The test image does not decode.");

    public static SKEncodedImageFormat FormatOf(ReadOnlyMemory<byte> image)
    {
        using var data = SKData.CreateCopy(image.Span);
        using var codec = SKCodec.Create(data) ?? throw new InvalidOperationException("The test image does not decode.");
        return codec.EncodedFormat;
    }
}
