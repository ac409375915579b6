using ComfyBot.Core.Images;
using SkiaSharp;

namespace ComfyBot.Core.Tests.Images;

public sealed class ImageGridTests
{
    private static readonly SKColor[] Colours = [SKColors.Red, SKColors.Lime, SKColors.Blue, SKColors.Yellow];

    [Fact]
    public void Compose_FourSameSizeImages_PlacesThemReadingOrderInADoubleSizePng()
    {
        var images = Colours.Select(c => (ReadOnlyMemory<byte>)TestImages.SolidPng(64, 48, c)).ToList();

        var grid = ImageGrid.Compose(images);

        Assert.Equal(SKEncodedImageFormat.Png, TestImages.FormatOf(grid));
        using var sheet = TestImages.Decode(grid);
        Assert.Equal((128, 96), (sheet.Width, sheet.Height));
        Assert.Equal(SKColors.Red, sheet.GetPixel(1, 1));
        Assert.Equal(SKColors.Lime, sheet.GetPixel(126, 1));
        Assert.Equal(SKColors.Blue, sheet.GetPixel(1, 94));
        Assert.Equal(SKColors.Yellow, sheet.GetPixel(126, 94));
        Assert.Equal(SKColors.Red, sheet.GetPixel(63, 47));
        Assert.Equal(SKColors.Yellow, sheet.GetPixel(64, 48));
    }

    [Fact]
    public void Compose_ImagesOfOtherSizes_AreScaledToFillTheFirstOnesCell()
    {
        var images = new List<ReadOnlyMemory<byte>>
        {
            TestImages.SolidPng(64, 48, SKColors.Red),
            TestImages.SolidPng(16, 12, SKColors.Lime),
            TestImages.SolidPng(200, 150, SKColors.Blue),
            TestImages.SolidPng(64, 64, SKColors.Yellow),
        };

        using var sheet = TestImages.Decode(ImageGrid.Compose(images));

        Assert.Equal((128, 96), (sheet.Width, sheet.Height));
        Assert.Equal(SKColors.Lime, sheet.GetPixel(66, 2));
        Assert.Equal(SKColors.Lime, sheet.GetPixel(125, 45));
        Assert.Equal(SKColors.Blue, sheet.GetPixel(2, 93));
        Assert.Equal(SKColors.Yellow, sheet.GetPixel(66, 50));
        Assert.Equal(SKColors.Yellow, sheet.GetPixel(125, 93));
    }

    [Fact]
    public void Compose_ThreeImages_SaysAGridTakesFour()
    {
        var images = Colours.Take(3).Select(c => (ReadOnlyMemory<byte>)TestImages.SolidPng(8, 8, c)).ToList();

        var error = Assert.Throws<ArgumentException>(() => ImageGrid.Compose(images));

        Assert.Contains("exactly 4 images; got 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_AnUndecodableImage_NamesItsIndex()
    {
        var images = Colours.Select(c => (ReadOnlyMemory<byte>)TestImages.SolidPng(8, 8, c)).ToList();
        images[2] = new byte[] { 1, 2, 3 };

        var error = Assert.Throws<ArgumentException>(() => ImageGrid.Compose(images));

        Assert.Contains("Image 2 of the grid", error.Message, StringComparison.Ordinal);
    }
}
