using ComfyBot.Core.Images;
using SkiaSharp;

namespace ComfyBot.Core.Tests.Images;

public sealed class ImageFitterTests
{
    private const long TenMegabytes = 10 * 1024 * 1024;

    [Fact]
    public void Fit_PngWithinTheLimit_IsKeptByteForByte()
    {
        var png = TestImages.SolidPng(64, 32, SKColors.Teal);

        var fitted = ImageFitter.Fit(png, "ComfyUI_00001_.png", TenMegabytes);

        Assert.Equal(ImageFit.Unchanged, fitted.Fit);
        Assert.Equal(png, fitted.Content.ToArray());
        Assert.Equal(("ComfyUI_00001_.png", "image/png", 64, 32), (fitted.FileName, fitted.MediaType, fitted.Width, fitted.Height));
        Assert.Null(fitted.Note);
        Assert.Null(fitted.Quality);
    }

    [Fact]
    public void Fit_LargePng_IsReencodedAsJpegAtFullSizeUnderTheLimit_AndSaysSo()
    {
        var png = TestImages.GrainyGradientPng(384, 256);
        const long Limit = 128 * 1024;
        Assert.True(png.Length > Limit, $"the test image must start over the limit, it is {png.Length} bytes");

        var fitted = ImageFitter.Fit(png, "ComfyUI_00001_.png", Limit);

        Assert.Equal(ImageFit.Reencoded, fitted.Fit);
        Assert.True(fitted.Content.Length <= Limit);
        Assert.Equal(SKEncodedImageFormat.Jpeg, TestImages.FormatOf(fitted.Content));
        Assert.Equal(("ComfyUI_00001_.jpg", "image/jpeg", 384, 256, 92), (fitted.FileName, fitted.MediaType, fitted.Width, fitted.Height, fitted.Quality));
        Assert.Equal("re-encoded as JPEG to fit Discord's 128 KB limit", fitted.Note);
    }

    [Fact]
    public void Fit_WhenTheBestQualityIsStillTooLarge_StepsTheQualityDown()
    {
        var png = TestImages.NoisyPng(256, 256);
        using var pixels = TestImages.Decode(png);
        var atBest = TestImages.Encode(pixels, SKEncodedImageFormat.Jpeg, 92).Length;
        var atWorst = TestImages.Encode(pixels, SKEncodedImageFormat.Jpeg, 60).Length;
        var limit = (atBest + atWorst) / 2;

        var fitted = ImageFitter.Fit(png, "noise.png", limit);

        Assert.Equal(ImageFit.Reencoded, fitted.Fit);
        Assert.InRange(fitted.Quality!.Value, 60, 84);
        Assert.True(fitted.Content.Length <= limit);
        Assert.Equal((256, 256), (fitted.Width, fitted.Height));
    }

    [Fact]
    public void Fit_WhenEvenTheLowestQualityIsTooLarge_ScalesDownKeepingTheAspectRatio()
    {
        var png = TestImages.NoisyPng(400, 200);
        const long Limit = 20 * 1024;

        var fitted = ImageFitter.Fit(png, "noise.png", Limit);

        Assert.Equal(ImageFit.ReencodedAndScaled, fitted.Fit);
        Assert.True(fitted.Content.Length <= Limit, $"{fitted.Content.Length} bytes is over the limit");
        Assert.InRange(fitted.Width, 64, 399);
        Assert.Equal(fitted.Width / 2.0, fitted.Height, 1.0);
        using var decoded = TestImages.Decode(fitted.Content);
        Assert.Equal((fitted.Width, fitted.Height), (decoded.Width, decoded.Height));
        Assert.Equal($"re-encoded as JPEG and scaled to {fitted.Width}×{fitted.Height} to fit Discord's 20 KB limit", fitted.Note);
    }

    [Fact]
    public void Fit_WithWebpChosen_WritesWebpAndKeepsTransparency()
    {
        var png = TestImages.NoisyPng(128, 128);

        var fitted = ImageFitter.Fit(png, "out/noise.png", png.Length / 2, new ImageFitOptions { Format = FittedImageFormat.Webp });

        Assert.Equal(("out/noise.webp", "image/webp"), (fitted.FileName, fitted.MediaType));
        Assert.Equal(SKEncodedImageFormat.Webp, TestImages.FormatOf(fitted.Content));
        Assert.StartsWith("re-encoded as WebP", fitted.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TransparentPngAsJpeg_FlattensOntoWhite()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(200, 200, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(SKColors.Transparent);
        var noisy = TestImages.Decode(TestImages.NoisyPng(100, 200));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.DrawBitmap(noisy, 100, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        }

        var png = TestImages.Encode(bitmap, SKEncodedImageFormat.Png);

        var fitted = ImageFitter.Fit(png, "half.png", png.Length - 1);

        using var decoded = TestImages.Decode(fitted.Content);
        var corner = decoded.GetPixel(20, 100);
        Assert.True(corner.Red > 240 && corner.Green > 240 && corner.Blue > 240, $"transparent area became {corner}");
    }

    [Fact]
    public void Fit_ALimitNoSizeCanMeet_FailsNamingTheFileAndTheFix()
    {
        var png = TestImages.NoisyPng(256, 256);

        var error = Assert.Throws<InvalidOperationException>(() => ImageFitter.Fit(png, "noise.png", 300));

        Assert.Contains("'noise.png' does not fit 300 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("64×64", error.Message, StringComparison.Ordinal);
        Assert.Contains("ImageFit:MinimumSide", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_BytesThatAreNoImage_FailNamingTheFile()
    {
        var error = Assert.Throws<ArgumentException>(() => ImageFitter.Fit("{\"error\":\"oops\"}"u8.ToArray(), "ComfyUI_00002_.png", 1000));

        Assert.Contains("'ComfyUI_00002_.png' (16 bytes) is not an image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ZeroLimit_SaysWhereTheLimitComesFrom()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ImageFitter.Fit(TestImages.SolidPng(4, 4, SKColors.Red), "a.png", 0));

        Assert.Contains("attachment_size_limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithSeveralBadValues_ListEveryProblemUnderItsOption()
    {
        var options = new ImageFitOptions { Qualities = [92, 0], MinimumSide = 0 };

        var error = Assert.Throws<ArgumentException>(() => ImageFitter.Fit(TestImages.SolidPng(4, 4, SKColors.Red), "a.png", 1000, options));

        Assert.Contains("ImageFitOptions.Qualities is [92, 0]; list one or more qualities between 1 and 100", error.Message, StringComparison.Ordinal);
        Assert.Contains("ImageFitOptions.MinimumSide is 0; set it to 1 or more pixels", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, options.Validate().Count);
    }

    [Theory]
    [InlineData(10L * 1024 * 1024, "10 MB")]
    [InlineData(25L * 1024 * 1024, "25 MB")]
    [InlineData(3L * 512 * 1024, "1.5 MB")]
    [InlineData(512L * 1024, "512 KB")]
    [InlineData(900L, "900 bytes")]
    public void DescribeLimit_ReadsLikeDiscordsOwnWording(long bytes, string expected) =>
        Assert.Equal(expected, FittedImage.DescribeLimit(bytes));
}
