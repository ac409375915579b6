using ComfyBot.Core.Policies;

namespace ComfyBot.Core.Tests.Policies;

/// <summary>An aspect ratio becomes a size of about the template's area, within the member's limits, on the 64 grid.</summary>
public sealed class AspectRatioTests
{
    [Theory]
    [InlineData(16, 9, 512 * 512, 640, 384)]
    [InlineData(1, 1, 512 * 512, 512, 512)]
    [InlineData(2, 3, 1024 * 1024, 832, 1216)]
    [InlineData(16, 9, 1024 * 1024, 1344, 768)]
    [InlineData(4, 1, 256 * 256, 512, 128)]
    public void Fit_KeepsTheAreaAndTheRatio_OnTheGrid(int w, int h, long pixels, int width, int height)
    {
        var size = new AspectRatio(w, h).Fit(pixels, maxSide: null);

        Assert.Equal((width, height), size);
        Assert.True((long)size.Width * size.Height <= pixels);
        Assert.Equal(0, size.Width % 64);
        Assert.Equal(0, size.Height % 64);
    }

    [Fact]
    public void Fit_HoldsTheSideLimit()
    {
        var (width, height) = new AspectRatio(21, 9).Fit(1024 * 1024, maxSide: 1000);

        Assert.Equal(960, width);
        Assert.True(height <= 1000);
        Assert.Equal(0, height % 64);
    }

    [Theory]
    [InlineData("16:9", 16, 9)]
    [InlineData(" 2:3 ", 2, 3)]
    public void TryParse_ReadsWidthColonHeight(string text, int width, int height)
    {
        Assert.True(AspectRatio.TryParse(text, out var ratio, out var error));
        Assert.Null(error);
        Assert.Equal(new AspectRatio(width, height), ratio);
    }

    [Theory]
    [InlineData("wide", "is not an aspect ratio; write it as width:height")]
    [InlineData("16/9", "is not an aspect ratio")]
    [InlineData("0:1", "is not an aspect ratio")]
    [InlineData("-16:9", "is not an aspect ratio")]
    [InlineData("5:1", "wider than 4:1 either way")]
    [InlineData("1:9", "wider than 4:1 either way")]
    public void TryParse_RefusesWithTheFix(string text, string expected)
    {
        Assert.False(AspectRatio.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
