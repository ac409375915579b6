using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using ComfyBot.Core.Images;
using SkiaSharp;

namespace ComfyBot.Benchmarks.Images;

/// <summary>
/// Fitting a 1024×1024 render (a smooth gradient with grain, about the size of an SDXL output) into an attachment
/// limit: unchanged (header read only), re-encoded at JPEG 92, and scaled down; plus a 2×2 grid of four 512×512
/// images. Target: a re-encode well under 100 ms, so a batch of four stays far below the time a render takes.
/// </summary>
// Not sealed: BenchmarkDotNet generates a subclass of each benchmark type.
[MemoryDiagnoser]
public class ImageFitBenchmark
{
    private byte[] _render = [];
    private ReadOnlyMemory<byte>[] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        _render = GrainyPng(1024, 1024);
        var small = GrainyPng(512, 512);
        _batch = [small, small, small, small];
    }

    [Benchmark(Baseline = true)]
    public FittedImage Unchanged() => ImageFitter.Fit(_render, "render.png", 25L * 1024 * 1024);

    [Benchmark]
    public FittedImage ReencodedAsJpeg() => ImageFitter.Fit(_render, "render.png", _render.Length / 2);

    [Benchmark]
    public FittedImage ScaledDown() => ImageFitter.Fit(_render, "render.png", 64 * 1024);

    [Benchmark]
    public byte[] Grid() => ImageGrid.Compose(_batch);

    private static byte[] GrainyPng(int width, int height)
    {
        var random = new Random(7);
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                pixels[i] = (byte)Math.Clamp((x * 255 / width) + random.Next(-12, 13), 0, 255);
                pixels[i + 1] = (byte)Math.Clamp((y * 255 / height) + random.Next(-12, 13), 0, 255);
                pixels[i + 2] = (byte)(128 + random.Next(-12, 13));
                pixels[i + 3] = 255;
            }
        }

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
