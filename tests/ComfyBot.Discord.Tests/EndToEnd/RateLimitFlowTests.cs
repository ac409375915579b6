using System.Net;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Responses;
using ComfyBot.Discord.Rest;
using ComfyBot.FakeDiscord.RateLimits;
using ComfyBot.FakeDiscord;
using ComfyBot.Testing;

namespace ComfyBot.Discord.Tests.EndToEnd;

/// <summary>Our buckets and retries against FakeDiscord's real rate-limit headers, 429s and 5xx answers.</summary>
public sealed class RateLimitFlowTests
{
    private const string EditOriginal = "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original";
    private const string GetMe = "GET /users/@me";

    [Fact]
    public async Task BurstOfEdits_LearnsTheBucketFromHeaders_NoUnplanned429_FinalStateDelivered()
    {
        await using var bed = await RestBed.StartAsync();
        var interaction = bed.Imagine();
        await bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, InteractionCallback.Defer(), withResponse: false, default);

        // Twelve progress edits as fast as the client lets them go: FakeDiscord allows 5 per 5 s per webhook
        // token, like Discord, and tells so only through its headers.
        var last = default(DiscordMessage);
        var waited = await bed.DriveAsync(Task.Run(async () =>
        {
            for (var i = 1; i <= 12; i++)
            {
                last = await bed.Client.EditOriginalResponseAsync(bed.ApplicationId, interaction.Token, MessageBody.FromContent($"step {i}/12"), default);
            }
        }));

        var counters = bed.Fake.Counters;
        Assert.Equal(0, counters.UnplannedRateLimited);
        Assert.Equal(0, counters.ScriptedRateLimited);
        Assert.Equal(13, interaction.OriginalMessage!.History.Count);
        Assert.Equal("step 12/12", interaction.OriginalMessage.Current.Content);
        Assert.Equal("step 12/12", last!.Content);
        // 12 edits through a 5-per-5-s bucket need two further windows; the client waited for them, not for 429s.
        Assert.True(waited >= TimeSpan.FromSeconds(5), $"waited only {waited}");
        Assert.Equal(0, bed.Client.InvalidRequestCount);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task ConcurrentEdits_ProbeTheUnknownBucket_ThenKeepToItsWindows_NoUnplanned429()
    {
        await using var bed = await RestBed.StartAsync();
        var interaction = bed.Imagine();
        await bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, InteractionCallback.Defer(), withResponse: false, default);
        static int Answered(FakeDiscordServer fake) => fake.Requests.Count(r => r.Operation.StartsWith("patch /webhooks", StringComparison.Ordinal));

        var edits = Enumerable.Range(1, 12)
            .Select(i => bed.Client.EditOriginalResponseAsync(bed.ApplicationId, interaction.Token, MessageBody.FromContent($"step {i}/12"), default))
            .ToList();
        // The clock moves only once a window's five edits came back to the client: a response still on its way
        // when the clock jumps would be a five-second network delay, and its headers would rightly push the
        // client's idea of the reset later.
        await CompletedAsync(edits, 5);
        Assert.Equal(5, Answered(bed.Fake));
        bed.Time.Advance(TimeSpan.FromSeconds(5));
        await CompletedAsync(edits, 10);
        Assert.Equal(10, Answered(bed.Fake));
        bed.Time.Advance(TimeSpan.FromSeconds(5));
        await Task.WhenAll(edits).WaitAsync(RestBed.HangGuard);

        Assert.Equal(0, bed.Fake.Counters.UnplannedRateLimited);
        var history = interaction.OriginalMessage!.History;
        Assert.Equal(13, history.Count);
        // Concurrent callers have no order among themselves; each edit arrived exactly once.
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"step {i}/12").Order(), history.Skip(1).Select(s => s.Content).Order());
        bed.Fake.AssertNoContractViolations();
    }

    private static async Task CompletedAsync<T>(List<Task<T>> tasks, int count)
    {
        var pending = tasks.Where(t => !t.IsCompleted).ToList();
        while (tasks.Count - pending.Count < count)
        {
            pending.Remove(await Task.WhenAny(pending).WaitAsync(RestBed.HangGuard));
        }
    }

    [Fact]
    public async Task BurstOfChannelMessages_WaitsForTheBucket_NoUnplanned429()
    {
        await using var bed = await RestBed.StartAsync();

        await bed.DriveAsync(Task.Run(async () =>
        {
            for (var i = 1; i <= 8; i++)
            {
                await bed.Client.CreateMessageAsync(bed.ChannelId, MessageBody.FromContent($"message {i}"), default);
            }
        }));

        Assert.Equal(0, bed.Fake.Counters.UnplannedRateLimited);
        Assert.Equal(8, bed.Fake.MessagesIn(bed.ChannelId.Value).Count);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task GlobalLimit_IsKeptAcrossRoutes_NoUnplanned429()
    {
        // Per-route buckets wide open, so only the global limit (5/s on both sides here) can refuse.
        await using var bed = await RestBed.StartAsync(
            fake => { fake.RateLimits.GlobalPerSecond = 5; fake.RateLimits.OtherPerWindow = 1000; },
            client => client.GlobalRequestsPerSecond = 5);

        var waited = await bed.DriveAsync(Task.Run(async () =>
        {
            for (var i = 0; i < 12; i++)
            {
                await (i % 2 == 0 ? (Task)bed.Client.GetCurrentUserAsync(default) : bed.Client.GetCurrentApplicationAsync(default));
            }
        }));

        Assert.Equal(0, bed.Fake.Counters.UnplannedRateLimited);
        Assert.True(waited >= TimeSpan.FromSeconds(2), $"12 requests at 5/s took only {waited} of fake time");
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Scripted429_UserScope_IsWaitedOutAndRetried()
    {
        await using var bed = await RestBed.StartAsync();
        var interaction = bed.Imagine();
        await bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, InteractionCallback.Defer(), withResponse: false, default);
        bed.Fake.ScriptRateLimit(EditOriginal, times: 2, RateLimitScope.User, TimeSpan.FromSeconds(2));

        var waited = await bed.DriveAsync(bed.Client.EditOriginalResponseAsync(bed.ApplicationId, interaction.Token, MessageBody.FromContent("done"), default));

        Assert.Equal("done", interaction.OriginalMessage!.Current.Content);
        Assert.Equal(2, bed.Fake.Counters.ScriptedRateLimited);
        Assert.Equal(0, bed.Fake.Counters.UnplannedRateLimited);
        Assert.True(waited >= TimeSpan.FromSeconds(4), $"waited only {waited}");
        Assert.NotEmpty(bed.Logger.Entries);
        Assert.DoesNotContain(bed.Logger.Entries, e => e.Message.Contains(interaction.Token, StringComparison.Ordinal));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Scripted429_GlobalScope_PausesOtherRoutesToo()
    {
        await using var bed = await RestBed.StartAsync();
        bed.Fake.ScriptRateLimit(GetMe, times: 1, RateLimitScope.Global, TimeSpan.FromSeconds(3));

        var me = bed.Client.GetCurrentUserAsync(default);
        var first = await bed.Time.NextTimerDueAtAsync().WaitAsync(RestBed.HangGuard) - bed.Time.GetUtcNow();
        var other = bed.Client.GetCurrentApplicationAsync(default);
        Assert.Equal(TimeSpan.FromSeconds(3), first);
        Assert.False(other.IsCompleted);
        bed.Time.Advance(first);
        await bed.DriveAsync(Task.WhenAll(me, other));

        Assert.Equal(1, bed.Fake.Counters.ScriptedRateLimited);
        Assert.Equal(0, bed.Fake.Counters.UnplannedRateLimited);
        Assert.Equal(3, bed.Fake.Counters.Requests);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task ScriptedServerErrors_AreRetried_ThenSucceed()
    {
        await using var bed = await RestBed.StartAsync();
        var interaction = bed.Imagine();
        await bed.Client.CreateInteractionResponseAsync(new Snowflake(interaction.Id), interaction.Token, InteractionCallback.Defer(), withResponse: false, default);
        bed.Fake.ScriptServerError(EditOriginal, times: 2, status: 502);

        await bed.DriveAsync(bed.Client.EditOriginalResponseAsync(bed.ApplicationId, interaction.Token, MessageBody.FromContent("done"), default));

        Assert.Equal(2, bed.Fake.Counters.ScriptedServerErrors);
        Assert.Equal(3, bed.Fake.Requests.Count(r => r.Operation.StartsWith("patch /webhooks", StringComparison.Ordinal)));
        Assert.Equal(["", "done"], interaction.OriginalMessage!.History.Select(s => s.Content));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Unauthorized_IsNotRetried()
    {
        await using var bed = await RestBed.StartAsync(client: options => options.Token = "not-the-fake-token");

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => bed.Client.GetCurrentUserAsync(default));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Single(bed.Fake.Requests);
        Assert.DoesNotContain("not-the-fake-token", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, bed.Client.InvalidRequestCount);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task NotFound_IsNotRetried()
    {
        await using var bed = await RestBed.StartAsync();

        var error = await Assert.ThrowsAsync<DiscordRestException>(
            () => bed.Client.EditMessageAsync(bed.ChannelId, new Snowflake(42), MessageBody.FromContent("x"), default));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(10008, error.Code);
        Assert.Single(bed.Fake.Requests);
        bed.Fake.AssertNoContractViolations();
    }
}
