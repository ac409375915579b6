using System.Text.Json;
using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Responses;
using ComfyBot.Discord.Rest;
using ComfyBot.Discord.Tests.Rest;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;

namespace ComfyBot.Discord.Tests.Responses;

public sealed class InteractionCallbackTests
{
    private static readonly Snowflake InteractionId = new(1000000000000000001);

    private static async Task<RecordedRequest> SendAsync(InteractionCallback callback)
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(204);
        var result = await bed.Client.CreateInteractionResponseAsync(InteractionId, RestTestBed.InteractionToken, callback, withResponse: false, default);
        Assert.Null(result);
        return Assert.Single(bed.Handler.Requests);
    }

    [Fact]
    public async Task EphemeralDefer_IsType5WithFlags64()
    {
        var request = await SendAsync(InteractionCallback.Defer(ephemeral: true));

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"/api/v10/interactions/{InteractionId}/{RestTestBed.InteractionToken}/callback", request.PathAndQuery);
        Assert.Equal("""{"type":5,"data":{"flags":64}}""", request.Json);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task PublicDefer_HasNoData() => Assert.Equal("""{"type":5}""", (await SendAsync(InteractionCallback.Defer())).Json);

    [Fact]
    public async Task DeferUpdate_IsType6() => Assert.Equal("""{"type":6}""", (await SendAsync(InteractionCallback.DeferUpdate())).Json);

    [Fact]
    public async Task Reply_IsType4WithTheMessage()
    {
        var request = await SendAsync(InteractionCallback.Reply(MessageBody.FromContent("@everyone look") with { Flags = MessageFlags.Ephemeral }));

        Assert.Equal("""{"type":4,"data":{"content":"@everyone look","flags":64,"allowed_mentions":{"parse":[]}}}""", request.Json);
    }

    [Fact]
    public async Task UpdateMessage_WithFiles_IsMultipart()
    {
        var body = new MessageBody { Components = [], Files = [new FileUpload("final.png", new byte[] { 1, 2 })] };

        var request = await SendAsync(InteractionCallback.UpdateMessage(body));

        Assert.Equal(["payload_json", "files[0]"], request.Parts.Select(p => p.Name));
        Assert.Equal(
            """{"type":7,"data":{"components":[],"attachments":[{"id":"0","filename":"final.png"}],"allowed_mentions":{"parse":[]}}}""",
            request.Json);
    }

    [Fact]
    public async Task Autocomplete_IsType8WithTypedChoiceValues()
    {
        var request = await SendAsync(InteractionCallback.Autocomplete([new CommandChoice("SDXL base", "sdxl"), new CommandChoice("Twenty", 20L), new CommandChoice("Half", 0.5)]));

        Assert.Equal("""{"type":8,"data":{"choices":[{"name":"SDXL base","value":"sdxl"},{"name":"Twenty","value":20},{"name":"Half","value":0.5}]}}""", request.Json);
    }

    [Fact]
    public async Task Modal_IsType9_WithLabelWrappedTextInputs()
    {
        var modal = new ModalForm("job:1:edit", "Edit prompt", [new TextInput("prompt", "Prompt") { Style = TextInputStyle.Paragraph, Value = "a lighthouse", MaxLength = 1000 }]);

        var request = await SendAsync(InteractionCallback.OpenModal(modal));

        Assert.Equal(
            """{"type":9,"data":{"custom_id":"job:1:edit","title":"Edit prompt","components":[{"type":18,"label":"Prompt","component":{"type":4,"custom_id":"prompt","style":2,"value":"a lighthouse","required":true,"max_length":1000}}]}}""",
            request.Json);
    }

    [Fact]
    public async Task WithResponse_ReturnsTheResponseMessageId()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(200, """
            {"interaction":{"id":"1000000000000000001","type":2,"response_message_id":"1100000000000000009","response_message_loading":true,"response_message_ephemeral":false},
             "resource":{"type":5}}
            """);

        var result = await bed.Client.CreateInteractionResponseAsync(InteractionId, RestTestBed.InteractionToken, InteractionCallback.Defer(), withResponse: true, default);

        Assert.NotNull(result);
        Assert.Equal(InteractionId, result.InteractionId);
        Assert.Equal(new Snowflake(1100000000000000009), result.ResponseMessageId);
        Assert.True(result.ResponseMessageLoading);
        Assert.Null(result.Message);
        Assert.EndsWith("/callback?with_response=true", bed.Handler.Requests.Single().PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithResponse_ForAReply_CarriesTheMessage()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(200, """{"interaction":{"id":"1000000000000000001","type":2},"resource":{"type":4,"message":""" + Canned.Message(id: 77, channel: 88) + "}}");

        var result = await bed.Client.CreateInteractionResponseAsync(InteractionId, RestTestBed.InteractionToken, InteractionCallback.Reply(MessageBody.FromContent("hi")), withResponse: true, default);

        Assert.Equal(new Snowflake(77), result!.Message!.Id);
        Assert.Equal(new Snowflake(88), result.Message.ChannelId);
    }

    [Fact]
    public void TooManyChoices_AreRefused()
    {
        var callback = InteractionCallback.Autocomplete([.. Enumerable.Range(0, 26).Select(i => new CommandChoice($"c{i}", $"{i}"))]);

        var error = Assert.Throws<DiscordValidationException>(callback.Validate);

        Assert.Contains("data.choices: 26 suggestions, at most 25 allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModalWithALongTitle_IsRefused()
    {
        var callback = InteractionCallback.OpenModal(new ModalForm("m", new string('t', 46), [new TextInput("a", "A")]));

        var error = Assert.Throws<DiscordValidationException>(callback.Validate);

        Assert.Contains("data.title: 46 characters, 1 to 45 allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CallbackResponse_ParsesWithoutOptionalFields()
    {
        var parsed = JsonSerializer.Deserialize("""{"interaction":{"id":"5","type":3}}""", DiscordJsonContext.Default.InteractionCallbackResponse)!.ToResult();

        Assert.Equal(new InteractionCallbackResult(new Snowflake(5), null, false, false, null), parsed);
    }
}
