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
    public async Task SaveImageWebsocketImages_AreKept_SoVaryWorksOnThem_AndARestartBeforeTheReplyStillDeliversThem()
    {
        var template = Txt2Img();
        template.Remove("10");
        template["9"] = new JsonObject { ["class_type"] = "SaveImageWebsocket", ["inputs"] = new JsonObject { ["images"] = new JsonArray("8", 0) } };
        var options = new BotBedOptions();
        options.ExtraTemplates["custom"] = template.ToJsonString();
        options.Configuration["ComfyBot:Templates:3:VaryWith"] = "img2img";
        await using var bed = await BotBed.StartAsync(options);
        var interaction = bed.Imagine("a lighthouse", null, SlashCommandOption.Text("workflow", "custom"), SlashCommandOption.WholeNumber("seed", 7));
        var reply = await bed.WaitForDoneAsync(interaction);
        Assert.StartsWith("✅ Done: 2 images", reply.Current.Content, StringComparison.Ordinal);
        var job = Assert.Single(await bed.Runtime.Store.ListRecentFinishedAsync(DateTimeOffset.MinValue));
        Assert.Equal(2, job.Outputs.Count(o => o.Kind == "images"));

        // Vary runs img2img on the job's first image, which exists only in the bot's store.
        var first = (await bed.Runtime.Jobs.GetOutputImageAsync(job.Id, 0))!;
        var click = bed.Click(reply, BotBed.Button(reply, "vary"));
        var varied = await bed.WaitForDoneAsync(click);
        Assert.StartsWith("✅ Done", varied.Current.Content, StringComparison.Ordinal);
        var img2img = Assert.Single(await bed.Runtime.Store.ListByOwnerAsync(1_300_000_000_000_000_030, includeFinished: true), j => j.Workflow == "img2img");
        Assert.Equal(first.Content.ToArray(), (await bed.Runtime.Tables.Images.GetInputImageAsync(img2img.Id))!.Content.ToArray());

        // The bot stops after the run was stored and before its reply was marked sent: the next start sends it again, with the images.
        using (var guard = new CancellationTokenSource(BotBed.HangGuard))
        {
            while (!(await bed.Runtime.Store.GetAsync(job.Id))!.FinalDelivered)
            {
                await Task.Delay(20, guard.Token);
            }
        }

        await bed.StopHostAsync();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={bed.StorePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var unsent = connection.CreateCommand();
            // As the store holds it between the success's write and the final's edit: neither the job nor its reply says sent.
            unsent.CommandText = $"""
                UPDATE jobs SET final_delivered = 0,
                    chat_target = json_set(chat_target, '$.final_delivered', json('false'), '$.token', $token)
                WHERE id = {job.Id};
                """;
            unsent.Parameters.AddWithValue("$token", interaction.Token);
            Assert.Equal(1, await unsent.ExecuteNonQueryAsync());
        }

        var before = reply.History.Count;
        await bed.StartHostAsync();
        using (var guard = new CancellationTokenSource(BotBed.HangGuard))
        {
            while (!(await bed.Runtime.Store.GetAsync(job.Id))!.FinalDelivered)
            {
                await Task.Delay(20, guard.Token);
            }
        }

        Assert.True(reply.History.Count > before, string.Join("\n---", reply.History.Select(h => h.Content)));
        Assert.StartsWith("✅ Done: 2 images", reply.Current.Content, StringComparison.Ordinal);
        Assert.Equal(2, reply.Current.Attachments.Count);
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
