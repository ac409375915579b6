using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Responses;
using ComfyBot.Discord.Rest;
using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;

namespace ComfyBot.Discord.Tests.Rest;

public sealed class TransportTests
{
    [Fact]
    public async Task BotRoutes_SendBotAuthorization_AndTheUserAgent_UnderTheBaseAddress()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(200, Canned.User);

        await bed.Client.GetCurrentUserAsync(default);

        var request = Assert.Single(bed.Handler.Requests);
        Assert.Equal("/api/v10/users/@me", request.PathAndQuery);
        Assert.Equal("Bot " + RestTestBed.Token, request.Authorization);
        Assert.Matches(@"^DiscordBot \(https?://\S+, [\w.]+\)$", request.UserAgent);
    }

    [Fact]
    public async Task InteractionTokenRoutes_SendNoAuthorization()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = r => r.Method == HttpMethod.Post && r.PathAndQuery.StartsWith("/api/v10/interactions", StringComparison.Ordinal)
            ? Respond(204)
            : Respond(200, Canned.Message());

        await bed.Client.CreateInteractionResponseAsync(new Snowflake(10), RestTestBed.InteractionToken, InteractionCallback.Defer(), false, default);
        await bed.Client.EditOriginalResponseAsync(new Snowflake(20), RestTestBed.InteractionToken, MessageBody.FromContent("x"), default);
        await bed.Client.CreateFollowupAsync(new Snowflake(20), RestTestBed.InteractionToken, MessageBody.FromContent("y"), default);

        Assert.All(bed.Handler.Requests, r => Assert.Null(r.Authorization));
        Assert.All(bed.Handler.Requests, r => Assert.StartsWith("DiscordBot (", r.UserAgent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GatewayBot_IsReadForTheGateway()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(200, """{"url":"wss://gateway.discord.gg","shards":2,"session_start_limit":{"total":1000,"remaining":998,"reset_after":14400000,"max_concurrency":1}}""");

        Assert.IsAssignableFrom<ComfyBot.Discord.Gateway.IGatewayBotSource>(bed.Client);
        var info = await bed.Client.GetGatewayBotAsync(default);

        Assert.Equal("wss://gateway.discord.gg", info.Url);
        Assert.Equal(2, info.Shards);
        Assert.Equal(998, info.SessionStartLimit.Remaining);
        Assert.Equal("/api/v10/gateway/bot", bed.Handler.Requests.Single().PathAndQuery);
    }

    [Fact]
    public void Options_WithoutToken_AreRefusedWithTheKeyAndTheFix()
    {
        var options = new DiscordRestOptions { Token = "", GlobalRequestsPerSecond = 80 };

        var problems = new DiscordRestOptionsValidator().Validate(null, options).Failures!;

        Assert.Contains(problems, p => p.StartsWith("Token is empty: set it to the bot token", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("GlobalRequestsPerSecond is 80", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_WithBotPrefix_AreRefused_WithoutEchoingTheToken()
    {
        var options = new DiscordRestOptions { Token = "Bot secret-value" };

        var problem = Assert.Single(new DiscordRestOptionsValidator().Validate(null, options).Failures!);

        Assert.Contains("remove the 'Bot ' prefix", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", problem, StringComparison.Ordinal);
    }
}
