using System.Text;
using ComfyBot.Discord.Rest;
using ComfyBot.Discord.Rest.RateLimits;

namespace ComfyBot.Discord.Tests.Rest;

/// <summary>The HTTP message <see cref="RestMessageBuilder"/> makes of a request (the client-level cases are in <see cref="TransportTests"/>).</summary>
public sealed class RestMessageBuilderTests
{
    [Theory]
    [InlineData("https://discord.test/api/v10")]
    [InlineData("https://discord.test/api/v10/")]
    public void Path_GoesUnderTheBase_WithOrWithoutItsTrailingSlash(string baseAddress)
    {
        var builder = new RestMessageBuilder(new DiscordRestOptions { Token = "t", BaseAddress = new Uri(baseAddress) });

        using var message = builder.Build(new RestRequest(new Route(HttpMethod.Get, "/users/@me", null), "users/@me", null, UsesBotToken: true));

        Assert.Equal("https://discord.test/api/v10/users/@me", message.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task EachBuild_HasFreshContent_SoARetryCanSendItAgain()
    {
        var builder = new RestMessageBuilder(new DiscordRestOptions { Token = "t" });
        var request = new RestRequest(
            new Route(HttpMethod.Post, "/channels/{channel_id}/messages", "channel:1"), "channels/1/messages",
            () => new StringContent("""{"content":"hi"}""", Encoding.UTF8, "application/json"), UsesBotToken: true);

        using var first = builder.Build(request);
        using var second = builder.Build(request);

        Assert.NotSame(first.Content, second.Content);
        Assert.Equal(await first.Content!.ReadAsStringAsync(), await second.Content!.ReadAsStringAsync());
        Assert.Equal("Bot t", second.Headers.Authorization!.ToString());
    }
}
