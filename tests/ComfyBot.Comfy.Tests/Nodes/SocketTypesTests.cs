using ComfyBot.Comfy.Nodes;

namespace ComfyBot.Comfy.Tests.Nodes;

public sealed class SocketTypesTests
{
    [Theory]
    [InlineData("MODEL", "MODEL", true)]
    [InlineData("MODEL", "CONDITIONING", false)]
    [InlineData("*", "IMAGE", true)]
    [InlineData("IMAGE", "*", true)]
    [InlineData("IMAGE,MASK", "MASK", true)]
    [InlineData("LATENT", "IMAGE, LATENT", true)]
    [InlineData("IMAGE,MASK", "LATENT,MODEL", false)]
    public void Match_FollowsTheServersRule(string output, string input, bool expected) =>
        Assert.Equal(expected, SocketTypes.Match(output, input));
}
