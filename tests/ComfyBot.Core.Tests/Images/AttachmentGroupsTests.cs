using ComfyBot.Core.Images;

namespace ComfyBot.Core.Tests.Images;

public sealed class AttachmentGroupsTests
{
    [Fact]
    public void Split_TwentyThreeImages_GivesTwoFullGroupsAndTheRestInOrder()
    {
        var images = Enumerable.Range(1, 23).ToList();

        var groups = AttachmentGroups.Split(images);

        Assert.Equal([10, 10, 3], groups.Select(g => g.Count));
        Assert.Equal(images, groups.SelectMany(g => g));
        Assert.Equal(11, groups[1][0]);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(20, 2)]
    public void Split_CountsGroupsByTens(int images, int groups) =>
        Assert.Equal(groups, AttachmentGroups.Split(Enumerable.Range(0, images).ToList()).Count);

    [Fact]
    public void Split_GroupSizeAboveDiscordsTen_IsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AttachmentGroups.Split([1, 2, 3], 11));

        Assert.Contains("1 to 10", error.Message, StringComparison.Ordinal);
    }
}
