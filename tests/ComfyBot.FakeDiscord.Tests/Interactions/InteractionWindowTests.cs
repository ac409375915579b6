using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.FakeDiscord.Tests.Interactions;

public sealed class InteractionWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CallbackAfterThreeSeconds_IsUnknownInteraction()
    {
        var time = new FakeTimeProvider(Start);
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = time });
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("imagine");

        time.Advance(TimeSpan.FromSeconds(3.1));
        var late = await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":5}"""));
        Assert.Equal((404, 10062), await Discord.ErrorAsync(late));
        Assert.Null(interaction.Callback);
    }

    [Fact]
    public async Task CallbackJustInsideThreeSeconds_IsAccepted_AndASecondOneIsAlreadyAcknowledged()
    {
        var time = new FakeTimeProvider(Start);
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = time });
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("imagine");

        time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":5}"""))).StatusCode);
        var second = await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":4,"data":{"content":"again"}}"""));
        Assert.Equal((400, 40060), await Discord.ErrorAsync(second));
        Assert.Equal(5, interaction.Callback!.Type);
    }

    [Fact]
    public async Task WebhookRoutes_StopAfterFifteenMinutes_WithInvalidWebhookToken()
    {
        var time = new FakeTimeProvider(Start);
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = time });
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("imagine");
        await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":5}"""));

        time.Advance(TimeSpan.FromMinutes(14.9));
        Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"content":"almost"}"""))).StatusCode);

        time.Advance(TimeSpan.FromMinutes(0.2));
        var expired = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"content":"too late"}"""));
        Assert.Equal((401, 50027), await Discord.ErrorAsync(expired));
        var followup = await http.PostAsync($"webhooks/{fake.ApplicationId}/{interaction.Token}", Discord.Json("""{"content":"too late"}"""));
        Assert.Equal((401, 50027), await Discord.ErrorAsync(followup));
        Assert.Equal(["", "almost"], interaction.OriginalMessage!.History.Select(s => s.Content));

        // The fallback: a channel message with the bot token still works.
        var fallback = await http.PostAsync($"channels/{interaction.ChannelId}/messages", Discord.Json("""{"content":"result posted here"}"""));
        Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
        Assert.Contains(fake.MessagesIn(interaction.ChannelId), m => m.Current.Content == "result posted here");
    }

    [Fact]
    public async Task UnknownToken_AndWrongCallbackType_AreRefused()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("imagine");

        var wrongToken = await http.PostAsync($"interactions/{interaction.Id}/not-the-token/callback", Discord.Json("""{"type":5}"""));
        Assert.Equal((404, 10062), await Discord.ErrorAsync(wrongToken));
        var updateOnCommand = await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":7,"data":{"content":"x"}}"""));
        Assert.Equal((400, 50035), await Discord.ErrorAsync(updateOnCommand));
        var noOriginal = await http.GetAsync(Discord.Original(fake, interaction));
        Assert.Equal((404, 10008), await Discord.ErrorAsync(noOriginal));
        var unknownToken = await http.GetAsync($"webhooks/{fake.ApplicationId}/nope/messages/@original");
        Assert.Equal((401, 50027), await Discord.ErrorAsync(unknownToken));
    }
}
