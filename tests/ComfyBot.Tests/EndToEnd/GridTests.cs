using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>A template configured with Grid: a batch of four also gets a 2×2 grid image on the final reply.</summary>
public sealed class GridTests
{
    [Fact]
    public async Task BatchOfFour_OnGridTemplate_FinalCarriesTheGridAndTheFourImages()
    {
        var options = new BotBedOptions();
        options.Configuration["ComfyBot:Templates:0:Grid"] = "true";
        await using var bed = await BotBed.StartAsync(options);

        var interaction = bed.Imagine("four at once", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 4));
        var reply = await bed.WaitForDoneAsync(interaction);

        var final = reply.Current;
        Assert.StartsWith("✅ Done: 4 images", final.Content, StringComparison.Ordinal);
        Assert.Equal(5, final.Attachments.Count);
        Assert.Contains("grid", final.Attachments[0].Filename, StringComparison.OrdinalIgnoreCase);
        bed.Fake.AssertNoContractViolations();
    }
}
