using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue test 10: an image over the interaction's attachment_size_limit is re-encoded to fit, and the reply says so.</summary>
public sealed class OversizedImageTests
{
    [Fact]
    public async Task Image_LargerThanAttachmentLimit_IsReencodedAndTheReplySaysSo()
    {
        await using var bed = await BotBed.StartAsync();
        var origin = BotBed.Member(1_300_000_000_000_000_030, "alice") with { AttachmentSizeLimit = 8 * 1024 };

        var interaction = bed.Imagine("a detailed lighthouse", origin, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1), SlashCommandOption.WholeNumber("width", 768), SlashCommandOption.WholeNumber("height", 768));
        var reply = await bed.WaitForDoneAsync(interaction);

        var final = reply.Current;
        var image = Assert.Single(final.Attachments);
        Assert.True(image.Size <= 8 * 1024, $"{image.Filename} is {image.Size} bytes");
        Assert.Matches(@"\.(jpg|webp)$", image.Filename);
        Assert.Contains("re-encoded", final.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }
}
