using System.Text.Json;
using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Responses;
using ComfyBot.Discord.Rest;
using ComfyBot.Discord.Tests.Commands;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;

namespace ComfyBot.Discord.Tests.Rest;

/// <summary>Every body the client sends validates against Discord's OpenAPI request schema of its operation.</summary>
public sealed class OpenApiContractTests(OpenApiContract contract) : IClassFixture<OpenApiContract>
{
    private const string Callback = "/interactions/{interaction_id}/{interaction_token}/callback";
    private const string Original = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
    private const string Followup = "/webhooks/{webhook_id}/{webhook_token}";
    private const string FollowupMessage = "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}";
    private const string ChannelMessages = "/channels/{channel_id}/messages";
    private const string ChannelMessage = "/channels/{channel_id}/messages/{message_id}";
    private const string GlobalCommands = "/applications/{application_id}/commands";

    private static MessageBody FinalResult() => new()
    {
        Content = "**a lighthouse at dusk** - done in 41 s",
        Embeds =
        [
            new Embed
            {
                Title = "Result",
                Description = "seed 42, 20 steps",
                Color = 0x57F287,
                Fields = [new EmbedField("model", "sdxl", Inline: true)],
                Image = EmbedMedia.Attachment("result.png"),
                Thumbnail = EmbedMedia.Attachment("preview.png"),
                Footer = new EmbedFooter("ComfyBot"),
                Timestamp = new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero),
            },
        ],
        Components =
        [
            ActionRow.Of(
                Button.Action(ButtonStyle.Primary, "job:1:again", "Again") with { Emoji = new ComponentEmoji("🔁") },
                Button.Action(ButtonStyle.Danger, "job:1:delete", "Delete") with { Disabled = true },
                Button.Link("https://example.com/jobs/1", "Open")),
            ActionRow.Of(new StringSelect { CustomId = "job:1:upscale", Placeholder = "Upscale", Options = [new SelectOption("Image 1", "1") { Description = "first" }] }),
        ],
        KeepAttachments = [new Snowflake(1300000000000000001)],
        Files = [new FileUpload("result.png", new byte[] { 1 }) { Description = "the result" }, new FileUpload("preview.png", new byte[] { 2 })],
    };

    private async Task<IReadOnlyList<string>> SendAndCheckAsync(string template, Func<DiscordRestClient, Task> send)
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = r => r.PathAndQuery.Contains("/callback", StringComparison.Ordinal) ? Respond(204)
            : r.PathAndQuery.Contains("/commands", StringComparison.Ordinal) ? Respond(200, r.Method == HttpMethod.Get ? "[]" : r.BodyText)
            : Respond(200, Canned.Message());
        await send(bed.Client);
        var request = bed.Handler.Requests.Last(r => r.Body.Length > 0);
        return contract.Check(request.Method, template, request.Json);
    }

    [Fact]
    public async Task EphemeralDefer_Validates() =>
        Assert.Empty(await SendAndCheckAsync(Callback, c => c.CreateInteractionResponseAsync(new Snowflake(1), "t", InteractionCallback.Defer(true), false, default)));

    [Fact]
    public async Task DeferUpdate_Validates() =>
        Assert.Empty(await SendAndCheckAsync(Callback, c => c.CreateInteractionResponseAsync(new Snowflake(1), "t", InteractionCallback.DeferUpdate(), false, default)));

    [Fact]
    public async Task ReplyWithEverything_Validates() =>
        Assert.Empty(await SendAndCheckAsync(Callback, c => c.CreateInteractionResponseAsync(new Snowflake(1), "t", InteractionCallback.Reply(FinalResult() with { KeepAttachments = null }), false, default)));

    [Fact]
    public async Task UpdateMessage_Validates() =>
        Assert.Empty(await SendAndCheckAsync(Callback, c => c.CreateInteractionResponseAsync(new Snowflake(1), "t", InteractionCallback.UpdateMessage(new MessageBody { Content = "Cancelled", Components = [] }), false, default)));

    [Fact]
    public async Task Autocomplete_Validates() =>
        Assert.Empty(await SendAndCheckAsync(Callback, c => c.CreateInteractionResponseAsync(new Snowflake(1), "t", InteractionCallback.Autocomplete([new CommandChoice("SDXL", "sdxl")]), false, default)));

    [Fact]
    public async Task Modal_Validates() =>
        Assert.Empty(await SendAndCheckAsync(Callback, c => c.CreateInteractionResponseAsync(new Snowflake(1), "t",
            InteractionCallback.OpenModal(new ModalForm("job:1:edit", "Edit prompt", [new TextInput("prompt", "Prompt") { Style = TextInputStyle.Paragraph, Description = "New prompt", MinLength = 1, MaxLength = 1000 }])), false, default)));

    [Fact]
    public async Task EditOriginalWithFilesAndComponents_Validates() =>
        Assert.Empty(await SendAndCheckAsync(Original, c => c.EditOriginalResponseAsync(new Snowflake(2), "t", FinalResult(), default)));

    [Fact]
    public async Task Followup_Validates() =>
        Assert.Empty(await SendAndCheckAsync(Followup, c => c.CreateFollowupAsync(new Snowflake(2), "t", FinalResult() with { KeepAttachments = null, Flags = MessageFlags.Ephemeral }, default)));

    [Fact]
    public async Task EditFollowup_Validates() =>
        Assert.Empty(await SendAndCheckAsync(FollowupMessage, c => c.EditFollowupAsync(new Snowflake(2), "t", new Snowflake(3), new MessageBody { KeepAttachments = [] }, default)));

    [Fact]
    public async Task ChannelMessage_Validates() =>
        Assert.Empty(await SendAndCheckAsync(ChannelMessages, c => c.CreateMessageAsync(new Snowflake(4), FinalResult() with { KeepAttachments = null }, default)));

    [Fact]
    public async Task ChannelMessageEdit_Validates() =>
        Assert.Empty(await SendAndCheckAsync(ChannelMessage, c => c.EditMessageAsync(new Snowflake(4), new Snowflake(5), FinalResult(), default)));

    [Fact]
    public async Task CommandOverwrite_Validates() =>
        Assert.Empty(await SendAndCheckAsync(GlobalCommands, c => c.BulkOverwriteApplicationCommandsAsync(new Snowflake(9), null, [SampleCommands.Imagine(), SampleCommands.Admin()], default)));

    [Fact]
    public void TheContract_CatchesWhatDiscordWouldRefuse()
    {
        var tooLong = JsonSerializer.Serialize(MessagePayload.From(MessageBody.FromContent(new string('x', 2001))), DiscordJsonContext.Default.MessagePayload);
        const string NumericAttachmentId = """{"attachments":[{"id":0,"filename":"a.png"}]}""";

        Assert.NotEmpty(contract.Check(HttpMethod.Patch, Original, tooLong));
        Assert.NotEmpty(contract.Check(HttpMethod.Patch, Original, NumericAttachmentId));
    }
}
