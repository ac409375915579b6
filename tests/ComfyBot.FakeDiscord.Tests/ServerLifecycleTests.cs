using System.Net;
using ComfyBot.FakeDiscord.Snowflakes;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.FakeDiscord.Tests;

public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task TwoInstances_ShareNothing()
    {
        await using var one = await FakeDiscordServer.StartAsync();
        await using var two = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { BotToken = "second.token.value" });
        Assert.NotEqual(one.Port, two.Port);
        Assert.NotEqual(one.BotToken, two.BotToken);
        Assert.Equal("second.token.value", two.BotToken);

        using var http = Discord.Http(one);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("users/@me")).StatusCode);
        using var crossed = new HttpClient { BaseAddress = two.BaseAddress };
        crossed.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bot " + one.BotToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await crossed.GetAsync("users/@me")).StatusCode);

        one.CreateSlashCommand("imagine");
        Assert.Single(one.Interactions);
        Assert.Empty(two.Interactions);
        Assert.Equal(2, one.Requests.Count + two.Requests.Count);
    }

    [Fact]
    public async Task BaseAddress_IsTheV10RestBaseOnLoopback()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        Assert.Equal($"http://127.0.0.1:{fake.Port}/api/v10/", fake.BaseAddress.ToString());
        Assert.Equal($"ws://127.0.0.1:{fake.Port}/gateway", fake.GatewayUrl.ToString());
        Assert.Equal(FakeDiscordOptions.DefaultApplicationId, fake.ApplicationId);
        Assert.Equal(fake.ApplicationId, fake.BotUser.Id);
    }

    [Theory]
    [InlineData(nameof(FakeDiscordOptions.Port))]
    [InlineData(nameof(FakeDiscordOptions.BotToken))]
    [InlineData(nameof(FakeDiscordOptions.HeartbeatInterval))]
    [InlineData(nameof(FakeDiscordOptions.HeartbeatTimeout))]
    [InlineData(nameof(FakeDiscordOptions.AttachmentSizeLimit))]
    public async Task InvalidOptions_AreRefused_WithTheKeyInTheMessage(string key)
    {
        var options = new FakeDiscordOptions();
        switch (key)
        {
            case nameof(FakeDiscordOptions.Port): options.Port = 70_000; break;
            case nameof(FakeDiscordOptions.BotToken): options.BotToken = "Bot abc"; break;
            case nameof(FakeDiscordOptions.HeartbeatInterval): options.HeartbeatInterval = TimeSpan.Zero; break;
            case nameof(FakeDiscordOptions.HeartbeatTimeout): options.HeartbeatTimeout = TimeSpan.FromSeconds(-1); break;
            default: options.AttachmentSizeLimit = 0; break;
        }

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => FakeDiscordServer.StartAsync(options));
        Assert.Contains("FakeDiscordOptions." + key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralInvalidOptions_AreAllListedAtOnce()
    {
        var options = new FakeDiscordOptions { Port = 70_000, BotToken = "Bot abc", AttachmentSizeLimit = 0 };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => FakeDiscordServer.StartAsync(options));

        Assert.Contains("FakeDiscordOptions.Port is 70000", error.Message, StringComparison.Ordinal);
        Assert.Contains("FakeDiscordOptions.BotToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("FakeDiscordOptions.AttachmentSizeLimit is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Snowflakes_CarryTheFakeClock_AndStayUniqueWhileTimeStandsStill()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var generator = new SnowflakeGenerator(time);
        var ids = Enumerable.Range(0, 100).Select(_ => generator.Next()).ToList();
        Assert.Equal(100, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(time.GetUtcNow(), SnowflakeGenerator.CreatedAt(ids[^1]));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(time.GetUtcNow(), SnowflakeGenerator.CreatedAt(generator.Next()));
    }

    [Fact]
    public async Task WaitForMessageAsync_CompletesWhenTheBotPosts()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var waiting = fake.WaitForMessageAsync(m => m.Current.Content == "hello");
        Assert.False(waiting.IsCompleted);
        await http.PostAsync($"channels/{fake.Guilds[0].Channels[0].Id}/messages", Discord.Json("""{"content":"hello"}"""));
        var message = await waiting.WaitAsync(TestGatewayClient.HangGuard);
        Assert.Equal(fake.BotUser, message.Author);
    }
}
