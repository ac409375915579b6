using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue test 7: a job outlives its 15-minute interaction token. The whole bot and FakeDiscord run on one clock that
/// flows with the wall clock and jumps ahead when told (the simulator keeps real time), so the jump reaches every part
/// of the bot at once, as a real quarter of an hour would: once the token is near its end, the reply moves to a
/// channel message posted with the bot token, and the original says where it went.
/// </summary>
public sealed class TokenExpiryTests
{
    [Fact]
    public async Task Reply_NearTokenExpiry_MovesToChannelMessageAndOriginalPointsThere()
    {
        var clock = new FakeDiscordClock();
        await using var bed = await BotBed.StartAsync(new BotBedOptions { DiscordTime = clock, Time = clock });
        bed.Simulator.HoldSampling(afterSteps: 1);
        var interaction = bed.Imagine("a very long job", null, SlashCommandOption.WholeNumber("steps", 3), SlashCommandOption.WholeNumber("batch", 1));
        var original = await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 1/3", StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromMinutes(14.5));
        bed.Simulator.ReleaseSampling();
        var moved = await bed.Fake.WaitForMessageAsync(m => m.InteractionId is null && m.ChannelId == interaction.ChannelId && BotBed.IsFinal(m.Current.Content)).WaitAsync(BotBed.HangGuard);

        // The original is pointed at the channel message right after the message is posted.
        await bed.WaitForOriginalAsync(interaction, s => s.Content.StartsWith("This reply continues here", StringComparison.Ordinal));

        Assert.StartsWith("✅ Done: 1 image", moved.Current.Content, StringComparison.Ordinal);
        Assert.Single(moved.Current.Attachments);
        Assert.Equal(bed.Fake.BotUser.Id, moved.Author.Id);
        Assert.Contains($"/channels/{interaction.GuildId}/{interaction.ChannelId}/{moved.Id}", original.Current.Content, StringComparison.Ordinal);
        Assert.StartsWith("This reply continues here", original.Current.Content, StringComparison.Ordinal);
        Assert.Empty(original.Current.Attachments);
        Assert.DoesNotContain(original.History, s => BotBed.IsFinal(s.Content));
        Assert.Single(bed.ChannelMessages(interaction.ChannelId));
        bed.Fake.AssertNoContractViolations();
    }
}
