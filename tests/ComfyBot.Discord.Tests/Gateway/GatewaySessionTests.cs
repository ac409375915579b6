using ComfyBot.Discord.Gateway;
using Moq;

namespace ComfyBot.Discord.Tests.Gateway;

public sealed class GatewaySessionTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(GatewayHarness.Interval);

    [Fact]
    public async Task Hello_ThenIdentifyAndReady_ExposesSessionAndBeatsAfterJitteredDelay()
    {
        await using var gateway = await GatewayHarness.StartAsync(random: 0.5);

        var identify = await gateway.IdentifyAsync(readySequence: 1);

        Assert.Equal(new Uri("wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream"), gateway.Transport.Connections[0]);
        Assert.Equal(2, identify.GetProperty("op").GetInt32());
        var d = identify.GetProperty("d");
        Assert.Equal(GatewayHarness.Token, d.GetProperty("token").GetString());
        Assert.Equal(1, d.GetProperty("intents").GetInt32());
        Assert.Equal("[0,1]", d.GetProperty("shard").GetRawText());
        Assert.Equal("ComfyBot", d.GetProperty("properties").GetProperty("browser").GetString());
        Assert.Equal(50, d.GetProperty("large_threshold").GetInt32());
        Assert.Equal(GatewayFrames.SessionId, gateway.Session.SessionId);
        Assert.Equal(GatewayFrames.ResumeUrl, gateway.Session.ResumeGatewayUrl);
        Assert.Equal(Snowflake.Parse(GatewayFrames.ApplicationId), gateway.Session.ApplicationId);
        Assert.Equal(Snowflake.Parse(GatewayFrames.ApplicationId), gateway.Client.ApplicationId);
        Assert.Equal(GatewaySessionState.Ready, gateway.Session.State);
        Assert.Equal(1, gateway.Session.IdentifyCount);

        // The first beat waits interval x jitter (0.5), not a full interval and not zero.
        await gateway.Time.WaitForTimerAsync(GatewayHarness.FirstBeat(0.5));
        gateway.Time.Advance(GatewayHarness.FirstBeat(0.5) - TimeSpan.FromMilliseconds(1));
        Assert.False(gateway.Transport.TryReadSent(out _));
        gateway.Time.Advance(TimeSpan.FromMilliseconds(1));

        var heartbeat = await gateway.Transport.NextSentAsync();
        Assert.Equal(1, heartbeat.GetProperty("op").GetInt32());
        Assert.Equal(1, heartbeat.GetProperty("d").GetInt32());
    }

    [Fact]
    public async Task HeartbeatAck_KeepsConnection_NextBeatCarriesLatestSequence()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.IdentifyAsync();
        await gateway.Time.AdvanceWhenWaitingAsync(GatewayHarness.FirstBeat(0.5));
        await gateway.Transport.NextSentAsync();

        await gateway.Transport.PushAndWaitHandledAsync(GatewayFrames.HeartbeatAck);
        await gateway.Transport.PushAndWaitHandledAsync(GatewayFrames.GuildCreate(7));
        await gateway.Time.AdvanceWhenWaitingAsync(Interval);

        var second = await gateway.Transport.NextSentAsync();
        Assert.Equal(1, second.GetProperty("op").GetInt32());
        Assert.Equal(7, second.GetProperty("d").GetInt32());
        Assert.Single(gateway.Transport.Connections);
    }

    [Fact]
    public async Task UnacknowledgedHeartbeat_IsZombie_ClosesWithoutNormalCodeAndResumesOnResumeUrl()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.IdentifyAsync(readySequence: 3);
        await gateway.Time.AdvanceWhenWaitingAsync(GatewayHarness.FirstBeat(0.5));
        await gateway.Transport.NextSentAsync();

        // No ACK arrives before the next beat is due.
        await gateway.Time.AdvanceWhenWaitingAsync(Interval);

        var closeCode = await gateway.Transport.NextCloseAsync();
        Assert.NotEqual(1000, closeCode);
        Assert.NotEqual(1001, closeCode);
        var resumeUrl = await gateway.Transport.NextConnectAsync();
        Assert.Equal(new Uri("wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json&compress=zlib-stream"), resumeUrl);

        gateway.Transport.Push(GatewayFrames.Hello(GatewayHarness.Interval));
        var resume = await gateway.Transport.NextSentExceptHeartbeatAsync();
        Assert.Equal(6, resume.GetProperty("op").GetInt32());
        Assert.Equal(GatewayHarness.Token, resume.GetProperty("d").GetProperty("token").GetString());
        Assert.Equal(GatewayFrames.SessionId, resume.GetProperty("d").GetProperty("session_id").GetString());
        Assert.Equal(3, resume.GetProperty("d").GetProperty("seq").GetInt32());
        await gateway.Transport.PushAndWaitHandledAsync(GatewayFrames.Resumed(4));
        Assert.Equal(GatewaySessionState.Ready, gateway.Session.State);
        Assert.Equal(1, gateway.Session.IdentifyCount);
        Assert.Equal(1, gateway.Session.ResumeCount);
    }

    [Fact]
    public async Task Reconnect_Op7_ResumesOnResumeUrl()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.IdentifyAsync(readySequence: 5);

        gateway.Transport.Push(GatewayFrames.Reconnect);

        Assert.NotEqual(1000, await gateway.Transport.NextCloseAsync());
        Assert.Equal(new Uri("wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json&compress=zlib-stream"), await gateway.Transport.NextConnectAsync());
        gateway.Transport.Push(GatewayFrames.Hello(GatewayHarness.Interval));
        var resume = await gateway.Transport.NextSentExceptHeartbeatAsync();
        Assert.Equal(6, resume.GetProperty("op").GetInt32());
        Assert.Equal(5, resume.GetProperty("d").GetProperty("seq").GetInt32());
    }

    [Fact]
    public async Task InvalidSession_Resumable_Resumes()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.IdentifyAsync();

        gateway.Transport.Push(GatewayFrames.InvalidSession(resumable: true));

        Assert.Equal(new Uri("wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json&compress=zlib-stream"), await gateway.Transport.NextConnectAsync());
        gateway.Transport.Push(GatewayFrames.Hello(GatewayHarness.Interval));
        Assert.Equal(6, (await gateway.Transport.NextSentExceptHeartbeatAsync()).GetProperty("op").GetInt32());
    }

    [Fact]
    public async Task InvalidSession_NotResumable_WaitsOneToFiveSecondsThenIdentifiesOnGatewayUrl()
    {
        // Jitter 0.5: the wait is 1 + 4 x 0.5 = 3 s.
        await using var gateway = await GatewayHarness.StartAsync(random: 0.5);
        await gateway.IdentifyAsync();
        gateway.Time.Advance(TimeSpan.FromSeconds(5)); // past the identify bucket's 5 s

        gateway.Transport.Push(GatewayFrames.InvalidSession(resumable: false));
        await gateway.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        Assert.Single(gateway.Transport.Connections);
        gateway.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(new Uri("wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream"), await gateway.Transport.NextConnectAsync());
        Assert.Null(gateway.Session.SessionId);
        gateway.Transport.Push(GatewayFrames.Hello(GatewayHarness.Interval));
        Assert.Equal(2, (await gateway.Transport.NextSentExceptHeartbeatAsync()).GetProperty("op").GetInt32());
        Assert.Equal(2, gateway.Session.IdentifyCount);
    }

    [Fact]
    public async Task ServerHeartbeatRequest_IsAnsweredImmediately()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.IdentifyAsync(readySequence: 9);

        gateway.Transport.Push(GatewayFrames.HeartbeatRequest);

        var heartbeat = await gateway.Transport.NextSentAsync();
        Assert.Equal(1, heartbeat.GetProperty("op").GetInt32());
        Assert.Equal(9, heartbeat.GetProperty("d").GetInt32());
    }

    [Fact]
    public async Task ConnectFailure_OnCachedUrl_FetchesGatewayBotAgain()
    {
        await using var gateway = await GatewayHarness.StartAsync(beforeStart: h => h.FailConnects = 1);
        Assert.Equal(new Uri("wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream"), await gateway.Transport.NextConnectAsync());
        gateway.Info = gateway.Info with { Url = "wss://gateway-2.discord.gg" };

        // The failed attempt spent its identify slot, so the retry waits for the 5 s bucket.
        await gateway.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(5));
        var second = await gateway.Transport.NextConnectAsync();

        Assert.Equal(new Uri("wss://gateway-2.discord.gg/?v=10&encoding=json&compress=zlib-stream"), second);
        gateway.BotSource.Verify(s => s.GetGatewayBotAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task GatewayBotFailure_AfterCacheInvalidated_IsRetriedWithBackoff()
    {
        await using var gateway = await GatewayHarness.StartAsync(beforeStart: h => h.FailConnects = 1);
        await gateway.Transport.NextConnectAsync();
        var calls = 0;
        gateway.BotSource.Setup(s => s.GetGatewayBotAsync(It.IsAny<CancellationToken>()))
            .Returns(() => ++calls == 1 ? Task.FromException<GatewayBotInfo>(new HttpRequestException("503")) : Task.FromResult(gateway.Info));

        // Identify bucket (5 s); the REST failure is the second failure in a row, so it backs off 0.75 s;
        // then the rest of the next identify slot (10 s - 5.75 s).
        await gateway.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(5));
        await gateway.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(0.75));
        await gateway.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(4.25));

        Assert.Equal(new Uri("wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream"), await gateway.Transport.NextConnectAsync());
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task MalformedFrame_DropsConnection_AndResumes()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        await gateway.IdentifyAsync(readySequence: 4);

        gateway.Transport.Push("{\"op\":0,\"s\":5,\"t\":\"X\",\"d\":{");

        Assert.NotEqual(1000, await gateway.Transport.NextCloseAsync());
        Assert.Equal(new Uri("wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json&compress=zlib-stream"), await gateway.Transport.NextConnectAsync());
        Assert.Equal(GatewayFrames.SessionId, gateway.Session.SessionId);
    }
}
