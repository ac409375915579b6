using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Interactions;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Discord.Tests.EndToEnd;

/// <summary>Our gateway client against FakeDiscord's gateway: the handshake and an interaction answered over REST.</summary>
public sealed class GatewayFlowTests
{
    [Fact]
    public async Task Connect_Hello_Identify_Ready_GuildCreate()
    {
        await using var bed = await GatewayBed.StartAsync();
        var ready = bed.Fake.Gateway.WaitForReadyAsync();

        await bed.ConnectAsync();

        // Nothing else happens on the gateway after READY here (heartbeats are an hour away): the wait must
        // complete from the IDENTIFY itself.
        await ready.WaitAsync(RestBed.HangGuard);
        var session = bed.Session;
        Assert.Equal(1, bed.Fake.Gateway.IdentifyCount);
        Assert.Equal(0, bed.Fake.Gateway.ResumeCount);
        Assert.Equal(bed.Fake.Gateway.SessionIds.Single(), session.SessionId);
        Assert.Equal(bed.Fake.ResumeGatewayUrl.ToString().TrimEnd('/'), session.ResumeGatewayUrl!.TrimEnd('/'));
        Assert.Equal(bed.Fake.ApplicationId, session.ApplicationId!.Value.Value);
        Assert.Equal(bed.Fake.ApplicationId, bed.Client.ApplicationId!.Value.Value);
        // READY is 1, GUILD_CREATE is 2: the session saw both.
        Assert.Equal(2, session.Sequence);
        Assert.Equal(2, bed.Fake.Gateway.LastSequence(session.SessionId!));
        await bed.PumpUntilAsync(() => bed.Events.Count == 2);
        Assert.Equal(["READY", "GUILD_CREATE"], bed.Events);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task InteractionCreate_ReachesTheHandlerTyped_AndItsCallbackReachesFakeDiscord()
    {
        await using var bed = await GatewayBed.StartAsync();
        await bed.ConnectAsync();

        var sent = bed.Fake.CreateSlashCommand("imagine", [SlashCommandOption.Text("prompt", "a lighthouse"), SlashCommandOption.WholeNumber("seed", 42)]);
        var context = await bed.NextHandledAsync();

        var interaction = context.Interaction;
        Assert.Equal(InteractionSource.Gateway, context.Source);
        Assert.Equal(sent.Id, interaction.Id.Value);
        Assert.Equal(sent.Token, interaction.Token);
        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal(sent.ChannelId, interaction.ChannelId!.Value.Value);
        Assert.Equal(sent.GuildId, interaction.GuildId!.Value.Value);
        Assert.Equal("alice", interaction.Invoker.Username);
        Assert.Equal("imagine", interaction.Command!.Name);
        Assert.Equal("a lighthouse", interaction.Command.Options.Single(o => o.Name == "prompt").Text);
        Assert.Equal(42, interaction.Command.Options.Single(o => o.Name == "seed").IntegerValue);
        Assert.Equal(sent.AttachmentSizeLimit, interaction.AttachmentSizeLimit);
        var callback = await sent.WaitForCallbackAsync().WaitAsync(RestBed.HangGuard);
        Assert.Equal(5, callback.Type);
        Assert.True(sent.OriginalMessage!.Current.IsLoading);
        bed.Fake.AssertNoContractViolations();
    }
}
