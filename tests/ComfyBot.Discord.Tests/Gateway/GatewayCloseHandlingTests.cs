using ComfyBot.Discord.Gateway;

namespace ComfyBot.Discord.Tests.Gateway;

/// <summary>What a session does when the server closes with each code: the classification, carried out.</summary>
public sealed class GatewayCloseHandlingTests
{
    private static readonly Uri ResumeUri = new("wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json&compress=zlib-stream");
    private static readonly Uri GatewayUri = new("wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream");

    [Theory]
    [InlineData(4000)]
    [InlineData(4001)]
    [InlineData(4002)]
    [InlineData(4005)]
    [InlineData(4008)]
    [InlineData(null)]
    public async Task ResumableClose_ResumesOnResumeUrl(int? code)
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.IdentifyAsync(readySequence: 11);

        gateway.Transport.PushClose(code);

        Assert.Equal(ResumeUri, await gateway.Transport.NextConnectAsync());
        gateway.Transport.Push(GatewayFrames.Hello(GatewayHarness.Interval));
        var resume = await gateway.Transport.NextSentExceptHeartbeatAsync();
        Assert.Equal(6, resume.GetProperty("op").GetInt32());
        Assert.Equal(11, resume.GetProperty("d").GetProperty("seq").GetInt32());
    }

    [Theory]
    [InlineData(4003)]
    [InlineData(4007)]
    [InlineData(4009)]
    public async Task SessionEndingClose_IdentifiesAgainOnGatewayUrl(int code)
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.IdentifyAsync();
        gateway.Time.Advance(TimeSpan.FromSeconds(5)); // past the identify bucket's 5 s

        gateway.Transport.PushClose(code);

        Assert.Equal(GatewayUri, await gateway.Transport.NextConnectAsync());
        gateway.Transport.Push(GatewayFrames.Hello(GatewayHarness.Interval));
        Assert.Equal(2, (await gateway.Transport.NextSentExceptHeartbeatAsync()).GetProperty("op").GetInt32());
        Assert.Equal(2, gateway.Session.IdentifyCount);
        Assert.Equal(0, gateway.Session.ResumeCount);
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task FatalClose_StopsWithTypedErrorNamingCode_WithoutReconnecting(int code)
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.IdentifyAsync();

        gateway.Transport.PushClose(code);

        var error = await Assert.ThrowsAsync<GatewayFatalException>(() => gateway.Client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(code, error.CloseCode);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHarness.Token, error.Message, StringComparison.Ordinal);
        Assert.Equal(GatewaySessionState.Faulted, gateway.Session.State);
        Assert.Same(error, gateway.Session.FatalError);
        Assert.Single(gateway.Transport.Connections);
    }

    [Fact]
    public async Task RepeatedFailures_BackOffExponentiallyWithJitter()
    {
        // Jitter 0.5 with "equal jitter": ceilings 1 s, 2 s, 4 s give waits of 0.75 s, 1.5 s, 3 s.
        await using var gateway = await GatewayHarness.StartAsync(random: 0.5);
        await gateway.IdentifyAsync();

        gateway.Transport.PushClose(4000);
        await gateway.Transport.NextConnectAsync(); // the first retry after a working connection is immediate
        gateway.Transport.PushClose(4000); // the resume attempt fails before HELLO
        await gateway.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(0.75));
        await gateway.Transport.NextConnectAsync();
        gateway.Transport.PushClose(4000);
        await gateway.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1.5));
        await gateway.Transport.NextConnectAsync();
        gateway.Transport.PushClose(4000);
        await gateway.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(3));

        await gateway.Transport.NextConnectAsync();
        Assert.Equal(5, gateway.Transport.Connections.Count);
        Assert.All(gateway.Transport.Connections.Skip(1), uri => Assert.Equal(ResumeUri, uri));
    }
}
