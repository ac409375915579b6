using ComfyBot.Core.Progress;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.RateLimits;
using ComfyBot.Testing;

namespace ComfyBot.Tests.Replies;

/// <summary>The reply's life around the 15-minute token: the move to a channel message, the permission notice, and 429s.</summary>
public sealed class DiscordJobViewExpiryTests
{
    [Fact]
    public async Task NearExpiry_MovesToChannelMessage_PointsTheOriginalThere_AndEditsTheChannelMessageAfterwards()
    {
        await using var bed = await ReplyBed.StartAsync();
        await bed.View.ShowAsync(ReplyState.Progress("step 1/20", Images.Jpeg(1)), default);

        bed.Time.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(1));
        Assert.Equal(ReplySendResult.Sent, await bed.View.ShowAsync(ReplyState.Progress("step 15/20", Images.Jpeg(2)), default));
        var final = ReplyState.Final("Done", [Images.Png("a.png", 1)], ReplyButtons.Reroll);
        Assert.Equal(ReplySendResult.Sent, await bed.View.ShowAsync(final, default));

        var moved = Assert.Single(bed.ChannelMessages);
        Assert.Equal(["step 15/20", "Done"], moved.History.Select(s => s.Content));
        Assert.Equal("preview.jpg", Assert.Single(moved.History[0].Attachments).Filename);
        Assert.Equal("a.png", Assert.Single(moved.Current.Attachments).Filename);
        Assert.Equal(["reroll:job-1"], moved.Current.CustomIds);
        var pointer = bed.Original.Current;
        Assert.StartsWith($"This reply continues here: https://discord.com/channels/{bed.Interaction.GuildId}/{bed.Interaction.ChannelId}/{moved.Id}", pointer.Content, StringComparison.Ordinal);
        Assert.Empty(pointer.Attachments);
        Assert.Empty(pointer.CustomIds);
        Assert.Equal(3, bed.Original.History.Count);
        Assert.True(bed.View.Target.IsMoved);
        Assert.True(bed.View.Target.FinalDelivered);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task NearExpiry_WithoutPermissionToPost_TellsTheMemberWhyInTheOriginal()
    {
        // VIEW_CHANNEL only: no SEND_MESSAGES, no ATTACH_FILES.
        await using var bed = await ReplyBed.StartAsync(new InteractionOrigin { AppPermissions = "1024" });
        bed.Time.Advance(TimeSpan.FromMinutes(14.5));

        await bed.View.ShowAsync(ReplyState.Progress("step 15/20"), default);

        var current = bed.Original.Current.Content;
        Assert.StartsWith("step 15/20", current, StringComparison.Ordinal);
        Assert.Contains("lacks Send Messages, Attach Files", current, StringComparison.Ordinal);
        Assert.Contains($"<#{bed.Interaction.ChannelId}>", current, StringComparison.Ordinal);
        Assert.Empty(bed.ChannelMessages);
        Assert.True(bed.View.Target.PermissionNoticeSent);

        // Past the token's end the reply cannot continue anywhere; the failure names the fix without the token.
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await bed.View.ShowAsync(ReplyState.Final("Done"), default));
        Assert.Contains("Grant the permissions", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.Interaction.Token, error.Message, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task RateLimitedEdit_ComesBackAsRateLimitedWithRetryAfter_AndTheNextSendWaitsItOut()
    {
        var clock = new TimerWatchingClock(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await using var bed = await ReplyBed.StartAsync(maxRateLimitRetries: 0, clock: clock);
        bed.Fake.ScriptRateLimit(ReplyBed.EditOriginal, times: 1, RateLimitScope.User, TimeSpan.FromSeconds(2));

        var limited = await bed.View.ShowAsync(ReplyState.Progress("step 1"), default).AsTask().WaitAsync(ReplyBed.HangGuard);
        Assert.Equal(TimeSpan.FromSeconds(2), limited.RetryAfter);

        // The REST client keeps the bucket closed for retry-after on the same (fake) clock, then sends.
        var (sent, waited) = await clock.RunAsync(() => bed.View.ShowAsync(ReplyState.Final("Done", [Images.Png("a.png", 1)]), default).AsTask(), ReplyBed.HangGuard);
        Assert.Equal(ReplySendResult.Sent, sent);
        Assert.True(waited >= TimeSpan.FromSeconds(2), $"waited {waited}");
        Assert.Equal("Done", bed.Original.Current.Content);
        Assert.Equal(0, bed.Fake.Counters.UnplannedRateLimited);
        bed.Fake.AssertNoContractViolations();
    }
}
