using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>/imagine ar: an aspect ratio becomes the job's width and height, as Details then shows.</summary>
public sealed class AspectRatioTests
{
    [Fact]
    public async Task Ar_SizesTheJob_AtTheTemplatesArea_OnThe64Grid()
    {
        await using var bed = await BotBed.StartAsync();

        // txt2img draws 256x256: 16:9 of that area on the 64 grid is 320x192.
        var interaction = bed.Imagine("a wide valley", null, SlashCommandOption.Text("ar", "16:9"), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(interaction);

        var job = await bed.Runtime.Store.GetAsync(1);
        Assert.Equal(320, job!.Parameters.Width);
        Assert.Equal(192, job.Parameters.Height);
        var details = await bed.WaitForAnswerAsync(bed.Click(reply, BotBed.Button(reply, "details")));
        Assert.Contains("width: 320\nheight: 192", details.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Theory]
    [InlineData("16:9", true, "Give either ar (16:9) or width and height, not both")]
    [InlineData("wide", false, "ar 'wide' is not an aspect ratio; write it as width:height")]
    [InlineData("10:1", false, "wider than 4:1 either way")]
    public async Task Ar_ThatCannotApply_IsRefusedAtOnce_WithTheFix(string ar, bool withWidth, string expected)
    {
        await using var bed = await BotBed.StartAsync();
        SlashCommandOption[] options = withWidth
            ? [SlashCommandOption.Text("ar", ar), SlashCommandOption.WholeNumber("width", 512)]
            : [SlashCommandOption.Text("ar", ar)];

        var answer = await bed.WaitForAnswerAsync(bed.Imagine("a wide valley", null, options));

        Assert.True(answer.IsEphemeral);
        Assert.Contains(expected, answer.Content, StringComparison.Ordinal);
        Assert.Empty(bed.Runtime.Jobs.ListQueue());
    }
}
