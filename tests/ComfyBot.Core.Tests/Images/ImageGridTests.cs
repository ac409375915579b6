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
    public void Compose_NumbersEachCell_InItsTopLeftCorner_MatchingTheUAndVButtons()
    {
        var images = Enumerable.Range(0, 4).Select(_ => (ReadOnlyMemory<byte>)TestImages.SolidPng(200, 200, SKColors.White)).ToList();

        using var sheet = TestImages.Decode(ImageGrid.Compose(images));

        // Badge of radius 200/12 at (25, 25) in each cell: a dark disc, a white digit of strokes.
        for (var cell = 0; cell < 4; cell++)
        {
            var (x, y) = ((cell % 2) * 200, (cell / 2) * 200);
            Assert.True(sheet.GetPixel(x + 13, y + 25).Red < 100, $"cell {cell + 1} has no dark badge");
            Assert.Equal(SKColors.White, sheet.GetPixel(x + 100, y + 100));
            Assert.True(sheet.GetPixel(x + 30, y + 21).Red > 200, $"cell {cell + 1}: the right stroke every digit 1-4 has is missing");
        }

        // The top stroke: absent from 1, drawn in 2 and 3, absent from 4.
        Assert.Equal([false, true, true, false], Enumerable.Range(0, 4).Select(cell => sheet.GetPixel(((cell % 2) * 200) + 25, ((cell / 2) * 200) + 16).Red > 200));
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
