using System.Text.Json;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Rest;
using ComfyBot.Discord.Tests.Rest;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;

namespace ComfyBot.Discord.Tests.Messages;

public sealed class MessageSerializationTests
{
    private static string Serialize(MessageBody body) =>
        JsonSerializer.Serialize(MessagePayload.From(body), DiscordJsonContext.Default.MessagePayload);

    [Fact]
    public void ContentOnlyEdit_WritesNoNulls_AndMentionsNobody()
    {
        Assert.Equal("""{"content":"step 3/20","allowed_mentions":{"parse":[]}}""", Serialize(MessageBody.FromContent("step 3/20")));
    }

    [Fact]
    public void AllowedMentionsSetToNull_LeavesTheFieldOut()
    {
        Assert.Equal("""{"content":"x"}""", Serialize(new MessageBody { Content = "x", AllowedMentions = null }));
    }

    [Fact]
    public void ExplicitMentions_AreWrittenAsStrings()
    {
        var json = Serialize(new MessageBody { Content = "<@42> done", AllowedMentions = AllowedMentions.OnlyUsers(new Snowflake(42)) });

        Assert.Equal("""{"content":"\u003C@42\u003E done","allowed_mentions":{"parse":[],"users":["42"]}}""", json);
    }

    [Fact]
    public void EmptyLists_ClearComponentsEmbedsAndAttachments()
    {
        var json = Serialize(new MessageBody { Components = [], Embeds = [], KeepAttachments = [], AllowedMentions = null });

        Assert.Equal("""{"embeds":[],"components":[],"attachments":[]}""", json);
    }

    [Fact]
    public void Embed_WritesImageAttachmentLink_Fields_FooterAndTimestamp()
    {
        var embed = new Embed
        {
            Title = "a lighthouse at dusk",
            Color = 0x5865F2,
            Fields = [new EmbedField("seed", "42", Inline: true), new EmbedField("steps", "20")],
            Image = EmbedMedia.Attachment("result.png"),
            Footer = new EmbedFooter("queued 3s"),
            Timestamp = new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero),
        };

        var json = Serialize(new MessageBody { Embeds = [embed], AllowedMentions = null });

        Assert.Equal(
            """{"embeds":[{"title":"a lighthouse at dusk","color":5793266,"timestamp":"2026-11-27T03:00:00+00:00","fields":[{"name":"seed","value":"42","inline":true},{"name":"steps","value":"20"}],"image":{"url":"attachment://result.png"},"footer":{"text":"queued 3s"}}]}""",
            json);
    }

    [Fact]
    public void Components_WriteTypesAndOmitFalseDisabled()
    {
        var body = new MessageBody
        {
            AllowedMentions = null,
            Components =
            [
                ActionRow.Of(
                    Button.Action(ButtonStyle.Danger, "job:1:cancel", "Cancel"),
                    Button.Action(ButtonStyle.Secondary, "job:1:again", "Again") with { Disabled = true, Emoji = new ComponentEmoji("🔁") },
                    Button.Link("https://example.com/job/1", "Open")),
                ActionRow.Of(new StringSelect { CustomId = "job:1:pick", Options = [new SelectOption("Image 1", "1") { IsDefault = true }, new SelectOption("Image 2", "2")] }),
            ],
        };

        using var document = JsonDocument.Parse(Serialize(body));
        var rows = document.RootElement.GetProperty("components");
        Assert.Equal(1, rows[0].GetProperty("type").GetInt32());
        var buttons = rows[0].GetProperty("components");
        Assert.Equal("""{"type":2,"style":4,"label":"Cancel","custom_id":"job:1:cancel"}""", buttons[0].GetRawText());
        Assert.True(buttons[1].GetProperty("disabled").GetBoolean());
        Assert.Equal("🔁", buttons[1].GetProperty("emoji").GetProperty("name").GetString());
        Assert.Equal("""{"type":2,"style":5,"label":"Open","url":"https://example.com/job/1"}""", buttons[2].GetRawText());
        Assert.Equal(
            """{"type":3,"custom_id":"job:1:pick","options":[{"label":"Image 1","value":"1","default":true},{"label":"Image 2","value":"2"}]}""",
            rows[1].GetProperty("components")[0].GetRawText());
    }

    [Fact]
    public void Attachments_ListKeptIdsThenPlaceholdersAsStrings()
    {
        var body = new MessageBody
        {
            KeepAttachments = [new Snowflake(1300000000000000001)],
            Files = [new FileUpload("a.png", new byte[] { 1 }) { Description = "preview" }, new FileUpload("b.png", new byte[] { 2 }) { IsSpoiler = true }],
            AllowedMentions = null,
        };

        Assert.Equal(
            """{"attachments":[{"id":"1300000000000000001"},{"id":"0","filename":"a.png","description":"preview"},{"id":"1","filename":"b.png","is_spoiler":true}]}""",
            Serialize(body));
    }

    [Fact]
    public void Ephemeral_IsWrittenAsFlags64()
    {
        Assert.Equal("""{"content":"only you","flags":64}""", Serialize(new MessageBody { Content = "only you", Flags = MessageFlags.Ephemeral, AllowedMentions = null }));
    }

    [Fact]
    public async Task EditWithFiles_IsMultipart_WithPayloadJsonAndNumberedFiles()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(200, Canned.Message());
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47 };
        var body = new MessageBody
        {
            Content = "done",
            Embeds = [new Embed { Image = EmbedMedia.Attachment("0.png") }],
            Files = [new FileUpload("0.png", png), new FileUpload("1.png", png)],
        };

        var message = await bed.Client.EditOriginalResponseAsync(new Snowflake(3), RestTestBed.InteractionToken, body, default);

        var request = Assert.Single(bed.Handler.Requests);
        Assert.Equal(HttpMethod.Patch, request.Method);
        Assert.Equal($"/api/v10/webhooks/3/{RestTestBed.InteractionToken}/messages/@original", request.PathAndQuery);
        Assert.Equal("multipart/form-data", request.ContentType);
        Assert.Equal(["payload_json", "files[0]", "files[1]"], request.Parts.Select(p => p.Name));
        Assert.Equal("application/json", request.Parts[0].ContentType);
        Assert.Equal(["0.png", "1.png"], request.Parts.Skip(1).Select(p => p.FileName));
        Assert.Equal("image/png", request.Parts[1].ContentType);
        Assert.Equal(png, request.Parts[1].Content);
        using var payload = JsonDocument.Parse(request.Json);
        var attachments = payload.RootElement.GetProperty("attachments");
        Assert.Equal(["0", "1"], attachments.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.String, attachments[0].GetProperty("id").ValueKind);
        Assert.Equal(new Snowflake(1300000000000000001), message.Attachments.Single().Id);
    }

    [Fact]
    public async Task EditWithoutFiles_IsJson()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(200, Canned.Message());

        await bed.Client.EditMessageAsync(new Snowflake(1), new Snowflake(2), MessageBody.FromContent("50%"), default);

        var request = Assert.Single(bed.Handler.Requests);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("""{"content":"50%","allowed_mentions":{"parse":[]}}""", request.Json);
        Assert.Equal("/api/v10/channels/1/messages/2", request.PathAndQuery);
        Assert.Equal("Bot " + RestTestBed.Token, request.Authorization);
    }

    [Fact]
    public async Task RetriedMultipart_SendsTheFilesAgain()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(() => Respond(502));
        bed.Handler.Fallback = _ => Respond(200, Canned.Message());
        var body = new MessageBody { Files = [new FileUpload("p.png", new byte[] { 7, 7, 7 })] };

        await bed.Client.CreateMessageAsync(new Snowflake(1), body, default);

        Assert.Equal(2, bed.Handler.Requests.Count);
        Assert.All(bed.Handler.Requests, r => Assert.Equal(new byte[] { 7, 7, 7 }, r.Parts.Single(p => p.Name == "files[0]").Content));
    }
}
