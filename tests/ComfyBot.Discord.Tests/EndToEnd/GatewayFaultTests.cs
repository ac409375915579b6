using ComfyBot.Discord.Gateway;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Discord.Tests.EndToEnd;

/// <summary>Every fault FakeDiscord's gateway can script, and what our session does about it.</summary>
public sealed class GatewayFaultTests
{
    [Fact]
    public async Task Reconnect_Op7_ResumesOnTheResumeUrl_SameSession()
    {
        await using var bed = await GatewayBed.StartAsync();
        await bed.ConnectAsync();
        var sessionId = bed.Session.SessionId;

        bed.Fake.Gateway.SendReconnect();
        await bed.PumpUntilAsync(() => bed.Fake.Gateway.ResumeCount == 1 && bed.Session.State == GatewaySessionState.Ready);

        Assert.Equal(1, bed.Fake.Gateway.IdentifyCount);
        Assert.Equal(2, bed.Fake.Gateway.ConnectionCount);
        Assert.Equal(sessionId, bed.Session.SessionId);
        Assert.Equal(1, bed.Session.ResumeCount);
        await AnInteractionStillGetsThroughAsync(bed);
    }

    [Fact]
    public async Task ResumableClose_WhileAway_ReplaysMissedDispatches_ThenResumed()
    {
        // The backoff runs on the fake clock past Discord's 3 s; a longer window keeps the replayed one answerable.
        await using var bed = await GatewayBed.StartAsync(fake => fake.InteractionCallbackWindow = TimeSpan.FromMinutes(1));
        await bed.ConnectAsync();

        bed.Fake.Gateway.Close(4000, "unknown error");
        // The client now waits out its backoff on the fake clock: nothing connects until the clock moves.
        await bed.Fake.Gateway.WaitForAsync(g => g.LiveConnectionCount == 0).WaitAsync(RestBed.HangGuard);
        var missed = bed.Fake.CreateSlashCommand("imagine", [SlashCommandOption.Text("prompt", "while away")]);
        Assert.True(missed.IsDispatched);
        var context = await bed.NextHandledAsync();

        Assert.Equal(missed.Id, context.Interaction.Id.Value);
        Assert.Equal(1, bed.Fake.Gateway.ResumeCount);
        Assert.Equal(1, bed.Fake.Gateway.IdentifyCount);
        Assert.Contains(4000, bed.Fake.Gateway.ServerCloseCodes);
        // READY, GUILD_CREATE, the replayed INTERACTION_CREATE, then RESUMED.
        await bed.PumpUntilAsync(() => bed.Events.Count == 4);
        Assert.Equal(["READY", "GUILD_CREATE", "INTERACTION_CREATE", "RESUMED"], bed.Events);
        Assert.Equal(4, bed.Session.Sequence);
        Assert.Equal(5, (await missed.WaitForCallbackAsync().WaitAsync(RestBed.HangGuard)).Type);
        bed.Fake.AssertNoContractViolations();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InvalidSession_Op9_ResumesWhenResumable_ElseIdentifiesAnew(bool resumable)
    {
        await using var bed = await GatewayBed.StartAsync();
        await bed.ConnectAsync();
        var sessionId = bed.Session.SessionId;

        bed.Fake.Gateway.InvalidateSession(resumable);
        await bed.PumpUntilAsync(() => bed.Fake.Gateway.ResumeCount + bed.Fake.Gateway.IdentifyCount == 2
            && bed.Session.State == GatewaySessionState.Ready);

        Assert.Equal(resumable ? 1 : 0, bed.Fake.Gateway.ResumeCount);
        Assert.Equal(resumable ? 1 : 2, bed.Fake.Gateway.IdentifyCount);
        Assert.Equal(resumable, sessionId == bed.Session.SessionId);
        await AnInteractionStillGetsThroughAsync(bed);
    }

    [Theory]
    [InlineData(4000, true)]
    [InlineData(4008, true)]
    [InlineData(4007, false)]
    [InlineData(4009, false)]
    public async Task CloseCode_ResumesOrIdentifiesAsClassified(int code, bool resumes)
    {
        await using var bed = await GatewayBed.StartAsync();
        await bed.ConnectAsync();

        bed.Fake.Gateway.Close(code, "scripted");
        await bed.PumpUntilAsync(() => bed.Fake.Gateway.ConnectionCount == 2 && bed.Session.State == GatewaySessionState.Ready
            && bed.Fake.Gateway.ResumeCount + bed.Fake.Gateway.IdentifyCount == 2);

        Assert.Equal(resumes ? 1 : 0, bed.Fake.Gateway.ResumeCount);
        Assert.Equal(resumes ? 1 : 2, bed.Fake.Gateway.IdentifyCount);
        await AnInteractionStillGetsThroughAsync(bed);
    }

    [Fact]
    public async Task AuthenticationFailed_4004_IsFatal_WithoutReconnecting()
    {
        await using var bed = await GatewayBed.StartAsync();
        await bed.ConnectAsync();

        bed.Fake.Gateway.Close(4004, "Authentication failed.");
        var fatal = await Assert.ThrowsAsync<GatewayFatalException>(() => bed.PumpUntilAsync(bed.Client.Completion));

        Assert.Equal(4004, fatal.CloseCode);
        Assert.Equal(GatewaySessionState.Faulted, bed.Session.State);
        Assert.Equal(1, bed.Fake.Gateway.ConnectionCount);
        Assert.DoesNotContain(bed.Fake.BotToken, fatal.Message, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task SilencedHeartbeatAcks_ZombieConnectionIsClosed_AndResumed()
    {
        await using var bed = await GatewayBed.StartAsync();
        await bed.ConnectAsync();
        bed.Fake.Gateway.HeartbeatAcksSilenced = true;

        // The first beat is jittered within one interval; the next interval finds it unacknowledged.
        bed.Time.Advance(GatewayBed.HeartbeatInterval);
        await bed.Fake.Gateway.WaitForAsync(g => g.HeartbeatCount >= 1).WaitAsync(RestBed.HangGuard);
        bed.Fake.Gateway.HeartbeatAcksSilenced = false;
        bed.Time.Advance(GatewayBed.HeartbeatInterval);
        await bed.PumpUntilAsync(() => bed.Fake.Gateway.ResumeCount == 1 && bed.Session.State == GatewaySessionState.Ready);

        Assert.Equal(1, bed.Fake.Gateway.IdentifyCount);
        Assert.Equal(2, bed.Fake.Gateway.ConnectionCount);
        // A zombie is closed with a non-1000 code (or none), which keeps the session resumable.
        Assert.DoesNotContain(bed.Fake.Gateway.ClientCloseCodes, c => c is 1000 or 1001);
        await AnInteractionStillGetsThroughAsync(bed);
    }

    [Fact]
    public async Task DroppedConnection_WithoutCloseFrame_IsResumed()
    {
        await using var bed = await GatewayBed.StartAsync();
        await bed.ConnectAsync();

        bed.Fake.Gateway.DropConnections();
        await bed.PumpUntilAsync(() => bed.Fake.Gateway.ResumeCount == 1 && bed.Session.State == GatewaySessionState.Ready);

        Assert.Equal(1, bed.Fake.Gateway.IdentifyCount);
        await AnInteractionStillGetsThroughAsync(bed);
    }

    [Fact]
    public async Task HeartbeatRequest_Op1_IsAnsweredAtOnce_WithoutMovingTheClock()
    {
        await using var bed = await GatewayBed.StartAsync();
        await bed.ConnectAsync();
        var before = bed.Fake.Gateway.HeartbeatCount;
        var now = bed.Time.GetUtcNow();

        bed.Fake.Gateway.RequestHeartbeat();
        await bed.Fake.Gateway.WaitForAsync(g => g.HeartbeatCount == before + 1).WaitAsync(RestBed.HangGuard);

        Assert.Equal(now, bed.Time.GetUtcNow());
        Assert.Equal(1, bed.Fake.Gateway.ConnectionCount);
        bed.Fake.AssertNoContractViolations();
    }

    private static async Task AnInteractionStillGetsThroughAsync(GatewayBed bed)
    {
        var sent = bed.Fake.CreateSlashCommand("imagine", [SlashCommandOption.Text("prompt", "after the fault")]);
        var context = await bed.NextHandledAsync();
        Assert.Equal(sent.Id, context.Interaction.Id.Value);
        Assert.Equal(5, (await sent.WaitForCallbackAsync().WaitAsync(RestBed.HangGuard)).Type);
        bed.Fake.AssertNoContractViolations();
    }
}
