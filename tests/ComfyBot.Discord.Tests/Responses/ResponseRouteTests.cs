using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Rest;
using ComfyBot.Discord.Tests.Rest;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;

namespace ComfyBot.Discord.Tests.Responses;

public sealed class ResponseRouteTests
{
    private static readonly Snowflake App = new(900);
    private const string Token = RestTestBed.InteractionToken;

    [Fact]
    public async Task OriginalAndFollowupRoutes_UseTheRightMethodsAndPaths()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = r => r.Method == HttpMethod.Delete ? Respond(204) : Respond(200, Canned.Message());
        var body = MessageBody.FromContent("x");

        await bed.Client.GetOriginalResponseAsync(App, Token, default);
        await bed.Client.EditOriginalResponseAsync(App, Token, body, default);
        await bed.Client.DeleteOriginalResponseAsync(App, Token, default);
        var followup = await bed.Client.CreateFollowupAsync(App, Token, body with { Flags = MessageFlags.Ephemeral }, default);
        await bed.Client.EditFollowupAsync(App, Token, followup.Id, body, default);
        await bed.Client.DeleteFollowupAsync(App, Token, followup.Id, default);

        Assert.Equal(
            [
                $"GET /api/v10/webhooks/900/{Token}/messages/@original",
                $"PATCH /api/v10/webhooks/900/{Token}/messages/@original",
                $"DELETE /api/v10/webhooks/900/{Token}/messages/@original",
                $"POST /api/v10/webhooks/900/{Token}",
                $"PATCH /api/v10/webhooks/900/{Token}/messages/{followup.Id}",
                $"DELETE /api/v10/webhooks/900/{Token}/messages/{followup.Id}",
            ],
            bed.Handler.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.Contains("\"flags\":64", bed.Handler.Requests[3].Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelMessages_UseTheBotToken()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = r => r.Method == HttpMethod.Delete ? Respond(204) : Respond(200, Canned.Message(id: 5, channel: 6));

        var message = await bed.Client.CreateMessageAsync(new Snowflake(6), MessageBody.FromContent("result"), default);
        await bed.Client.EditMessageAsync(message.ChannelId, message.Id, MessageBody.FromContent("result!"), default);
        await bed.Client.DeleteMessageAsync(message.ChannelId, message.Id, default);

        Assert.Equal(["POST /api/v10/channels/6/messages", "PATCH /api/v10/channels/6/messages/5", "DELETE /api/v10/channels/6/messages/5"],
            bed.Handler.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.All(bed.Handler.Requests, r => Assert.Equal("Bot " + RestTestBed.Token, r.Authorization));
    }

    [Fact]
    public async Task EphemeralChannelMessage_IsRefusedLocally()
    {
        using var bed = new RestTestBed();

        var error = await Assert.ThrowsAsync<DiscordValidationException>(
            () => bed.Client.CreateMessageAsync(new Snowflake(6), MessageBody.FromContent("x") with { Flags = MessageFlags.Ephemeral }, default));

        Assert.Contains("Ephemeral only works for interaction responses", error.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Handler.Requests);
    }
}
