using ComfyBot.SlashCommands.Choices;

namespace ComfyBot.Tests.Commands;

/// <summary>The close matches a refused value is answered with.</summary>
public sealed class CloseMatchesTests
{
    private static readonly string[] Samplers = ["euler", "euler_ancestral", "dpmpp_2m", "dpmpp_2m_sde", "dpmpp_sde", "ddim", "uni_pc"];

    [Theory]
    [InlineData("dpmpp2m", new[] { "dpmpp_2m", "dpmpp_2m_sde" })]
    [InlineData("Euler", new[] { "euler", "euler_ancestral" })]
    [InlineData("eulr", new[] { "euler" })]
    [InlineData("unipc", new[] { "uni_pc" })]
    public void Samplers_NearestFirst(string typed, string[] expected) =>
        Assert.Equal(expected, CloseMatches.Of(typed, Samplers).Take(expected.Length));

    [Fact]
    public void AFileIsFound_ByItsNameWithoutFolderAndExtension()
    {
        string[] files = ["sdxl/sd_xl_base_1.0.safetensors", "v1-5-pruned-emaonly.safetensors"];

        Assert.Equal(["sdxl/sd_xl_base_1.0.safetensors"], CloseMatches.Of("sd_xl_base_1.0", files));
        Assert.Equal(["v1-5-pruned-emaonly.safetensors"], CloseMatches.Of("v15-pruned-emaonly.ckpt", files));
    }

    [Fact]
    public void NothingClose_GivesNothing() => Assert.Empty(CloseMatches.Of("karras", Samplers));
}
