using System.Net;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.FakeDiscord.Tests.Messages;

public sealed class AttachmentTests
{
    private static async Task<(FakeDiscordServer, HttpClient, FakeInteraction)> DeferredAsync(long? sizeLimit = null)
    {
        var fake = await FakeDiscordServer.StartAsync();
        var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("imagine", origin: new InteractionOrigin { AttachmentSizeLimit = sizeLimit });
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":5}"""))).StatusCode);
        return (fake, http, interaction);
    }

    [Fact]
    public async Task EditWithAttachmentsList_ReplacesTheImage_AndKeepsEachStatesBytes()
    {
        var (fake, http, interaction) = await DeferredAsync();
        await using (fake)
        using (http)
        {
            byte[] first = [1, 1, 1];
            byte[] second = [2, 2, 2, 2];
            var payload = JsonNode.Parse("""{"content":"step 1","attachments":[{"id":"0","filename":"progress.png"}],"embeds":[{"image":{"url":"attachment://progress.png"}}]}""")!;
            var edit1 = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Multipart(payload, ("progress.png", first)));
            Assert.Equal(HttpStatusCode.OK, edit1.StatusCode);

            payload["content"] = "step 2";
            var edit2 = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Multipart(payload, ("progress.png", second)));
            var body = await Discord.BodyAsync(edit2);
            Assert.Single(body["attachments"]!.AsArray());

            var textOnly = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"content":"step 3"}"""));
            Assert.Equal(HttpStatusCode.OK, textOnly.StatusCode);

            var history = interaction.OriginalMessage!.History;
            Assert.Equal(4, history.Count);
            Assert.Equal(first, Assert.Single(history[1].Attachments).Bytes.ToArray());
            var replaced = Assert.Single(history[2].Attachments);
            Assert.Equal(second, replaced.Bytes.ToArray());
            Assert.Equal("progress.png", replaced.Filename);
            Assert.Equal(4, replaced.Size);
            Assert.NotEqual(history[1].Attachments[0].Id, replaced.Id);
            Assert.Same(replaced, Assert.Single(history[3].Attachments));
            Assert.Equal(second, await http.GetByteArrayAsync(replaced.Url));

            var cleared = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"attachments":[]}"""));
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
            Assert.Empty(interaction.OriginalMessage.Current.Attachments);
            fake.AssertNoContractViolations();
        }
    }

    [Fact]
    public async Task KeptAttachmentById_StaysNextToANewOne()
    {
        var (fake, http, interaction) = await DeferredAsync();
        await using (fake)
        using (http)
        {
            await http.PatchAsync(Discord.Original(fake, interaction), Discord.Multipart(JsonNode.Parse("""{"attachments":[{"id":"0","filename":"a.png"}]}""")!, ("a.png", [1])));
            var kept = interaction.OriginalMessage!.Current.Attachments[0].Id.ToString();
            var payload = JsonNode.Parse($$"""{"attachments":[{"id":"{{kept}}"},{"id":"0","filename":"b.png"}]}""")!;
            var response = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Multipart(payload, ("b.png", [2])));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["a.png", "b.png"], interaction.OriginalMessage.Current.Attachments.Select(a => a.Filename));

            var unknown = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"attachments":[{"id":"5"}]}"""));
            Assert.Equal((400, 50035), await Discord.ErrorAsync(unknown));
        }
    }

    [Fact]
    public async Task FileAboveTheInteractionsLimit_Is413_40005()
    {
        var (fake, http, interaction) = await DeferredAsync(sizeLimit: 1024);
        await using (fake)
        using (http)
        {
            var response = await http.PatchAsync(Discord.Original(fake, interaction),
                Discord.Multipart(JsonNode.Parse("""{"attachments":[{"id":"0","filename":"big.png"}]}""")!, ("big.png", new byte[1025])));
            Assert.Equal((413, 40005), await Discord.ErrorAsync(response));
            Assert.Single(interaction.OriginalMessage!.History);
        }
    }

    [Fact]
    public async Task ElevenAttachments_Is50035()
    {
        var (fake, http, interaction) = await DeferredAsync();
        await using (fake)
        using (http)
        {
            var files = Enumerable.Range(0, 11).Select(i => ($"{i}.png", new byte[] { (byte)i })).ToArray();
            var response = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Multipart(JsonNode.Parse("""{"content":"many"}""")!, files));
            Assert.Equal((400, 50035), await Discord.ErrorAsync(response));
            Assert.NotNull((await Discord.BodyAsync(response))["errors"]!["attachments"]);
        }
    }

    [Fact]
    public async Task ContentOver2000Characters_Is50035_WithAFieldError()
    {
        var (fake, http, interaction) = await DeferredAsync();
        await using (fake)
        using (http)
        {
            var response = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json(new JsonObject { ["content"] = new string('x', 2001) }));
            Assert.Equal((400, 50035), await Discord.ErrorAsync(response));
            Assert.NotNull((await Discord.BodyAsync(response))["errors"]!["content"]!["_errors"]);
            Assert.Contains(fake.ContractViolations, v => v.Location == "/content");
        }
    }
}
