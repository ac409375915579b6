using ComfyBot.FakeDiscord.Contracts;
using ComfyBot.FakeDiscord.Gateway;
using ComfyBot.FakeDiscord.Guilds;

namespace ComfyBot.FakeDiscord.Tests.Guilds;

/// <summary>The rules of <see cref="GuildRoster"/>: guilds change by replacement, and only guilds the fake has can change.</summary>
public sealed class GuildRosterTests : IDisposable
{
    private readonly FakeDiscordState state;
    private readonly GatewayHub hub;
    private readonly GuildRoster roster;

    public GuildRosterTests()
    {
        state = new FakeDiscordState(new FakeDiscordOptions(), OpenApiContract.Embedded);
        hub = new GatewayHub(state);
        roster = new GuildRoster(state, hub);
    }

    [Fact]
    public void AGuildWithoutChannels_IsRefused_SayingWhatItNeeds()
    {
        var error = Assert.Throws<ArgumentException>(() => roster.AddGuild(new FakeGuild { Id = 0, Name = "empty" }));

        Assert.Contains("'empty' has no channels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGuildWithIdZero_GetsANewSnowflake_AndJoinsTheList()
    {
        var stored = roster.AddGuild(new FakeGuild { Id = 0, Name = "new", Channels = [new FakeChannel(0, "general")], PremiumTier = 2 });

        Assert.NotEqual(0UL, stored.Id);
        Assert.Equal(2, stored.PremiumTier);
        Assert.Contains(state.Guilds, g => g.Id == stored.Id);
    }

    [Fact]
    public void AChange_ReplacesTheGuildsSnapshot_KeepingItsOtherParts()
    {
        var before = state.Guilds[0];

        var channel = roster.AddChannel(before.Id, "art", 0, nsfw: true);
        var role = roster.AddRole(before.Id, "artists", "0");

        var after = state.Guilds.Single(g => g.Id == before.Id);
        Assert.NotSame(before, after);
        Assert.Equal([.. before.Channels, channel], after.Channels);
        Assert.Equal([.. before.Roles, role], after.Roles);
        Assert.Equal(before.Members, after.Members);
        Assert.Equal(before.Name, after.Name);
        Assert.DoesNotContain(channel, before.Channels);
    }

    [Fact]
    public void AChangeToAnUnknownGuild_IsRefused_ListingTheKnownOnes()
    {
        var known = state.Guilds[0].Id;

        var error = Assert.Throws<ArgumentException>(() => roster.AddMember(42, "someone", null));

        Assert.Equal("guildId", error.ParamName);
        Assert.Contains($"it has: {known}", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => hub.Dispose();
}
