using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Testing;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// The final reply tells the truth about what a workflow made: SaveImageWebsocket images are attached, outputs ComfyUI
/// dropped are named with their reason, and a run that made nothing is never "Done".
/// </summary>
public sealed class WorkflowOutputsTests
{
    private static JsonObject Txt2Img() => JsonNode.Parse(RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json"))!.AsObject();

    /// <summary>
    /// Two LoadImage nodes batched together, naming files the server lacks. Two, and not encoded, so that neither is
    /// taken for the member's input image: the template asks for no attachment and ComfyUI is the one that refuses them.
    /// </summary>
    private static void AddMissingInputs(JsonObject template)
    {
        template["20"] = new JsonObject { ["class_type"] = "LoadImage", ["inputs"] = new JsonObject { ["image"] = "not_uploaded.png" } };
        template["22"] = new JsonObject { ["class_type"] = "LoadImage", ["inputs"] = new JsonObject { ["image"] = "not_uploaded_either.png" } };
        template["23"] = new JsonObject { ["class_type"] = "ImageBatch", ["inputs"] = new JsonObject { ["image1"] = new JsonArray("20", 0), ["image2"] = new JsonArray("22", 0) } };
    }

    private static async Task<(BotBed Bed, FakeDiscord.Messages.FakeMessage Reply)> ImagineAsync(JsonObject template)
    {
        var options = new BotBedOptions();
        options.ExtraTemplates["custom"] = template.ToJsonString();
        var bed = await BotBed.StartAsync(options);
        var interaction = bed.Imagine("a lighthouse", null, SlashCommandOption.Text("workflow", "custom"), SlashCommandOption.WholeNumber("seed", 7));
        return (bed, await bed.WaitForDoneAsync(interaction));
    }

    [Fact]
    public async Task SaveImageWebsocketTemplate_RepliesWithTheImagesThatCameOverTheSocket()
    {
        var template = Txt2Img();
        template.Remove("10");
        template["9"] = new JsonObject { ["class_type"] = "SaveImageWebsocket", ["inputs"] = new JsonObject { ["images"] = new JsonArray("8", 0) } };

        var (bed, reply) = await ImagineAsync(template);
        await using var _ = bed;

        Assert.StartsWith("✅ Done: 2 images · seed 7", reply.Current.Content, StringComparison.Ordinal);
        Assert.Equal(2, reply.Current.Attachments.Count);
        Assert.All(reply.Current.Attachments, a => Assert.Equal("image/png", a.ContentType));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task AnOutputComfyUiDrops_IsNamedInTheReplyWithItsReason()
    {
        var template = Txt2Img();
        AddMissingInputs(template);
        template["21"] = new JsonObject
        {
            ["class_type"] = "SaveImage",
            ["inputs"] = new JsonObject { ["images"] = new JsonArray("23", 0), ["filename_prefix"] = "second" },
            ["_meta"] = new JsonObject { ["title"] = "Keep the input" },
        };

        var (bed, reply) = await ImagineAsync(template);
        await using var _ = bed;

        Assert.StartsWith("✅ Done: 2 images · seed 7", reply.Current.Content, StringComparison.Ordinal);
        Assert.Contains("⚠️ ComfyUI skipped 1 output of this workflow:\n- node 21 \"Keep the input\" (SaveImage): node 20 (LoadImage), input 'image'", reply.Current.Content, StringComparison.Ordinal);
        Assert.Contains("not_uploaded.png", reply.Current.Content, StringComparison.Ordinal);
        Assert.Contains("node 22 (LoadImage), input 'image'", reply.Current.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task EveryImageOutputDropped_IsARefusal_NotASuccess()
    {
        // The PreviewImage still runs, so ComfyUI answers 200; the only output that saves an image is dropped.
        var template = Txt2Img();
        AddMissingInputs(template);
        template["9"]!["inputs"]!["images"] = new JsonArray("23", 0);

        var (bed, reply) = await ImagineAsync(template);
        await using var _ = bed;

        Assert.StartsWith("❌ Refused: ComfyUI dropped every output that saves an image", reply.Current.Content, StringComparison.Ordinal);
        Assert.Contains("node 9 (SaveImage): node 20 (LoadImage)", reply.Current.Content, StringComparison.Ordinal);
        Assert.Empty(reply.Current.Attachments);
        Assert.Contains(reply.Current.CustomIds, id => id.StartsWith("reroll:", StringComparison.Ordinal));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task ARunThatSavesNoImage_SaysSoPlainly()
    {
        var template = Txt2Img();
        template.Remove("9");

        var (bed, reply) = await ImagineAsync(template);
        await using var _ = bed;

        Assert.StartsWith("❌ Finished without an image", reply.Current.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("Done", reply.Current.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }
}
