using static ComfyBot.Discord.Tests.Rest.ScriptedDiscordHandler;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Discord.Tests.Rest;

public sealed class BucketTests
{

    [Fact]
    public async Task EmptyBucket_WaitsUntilResetAfter_ThenSends()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(() => Respond(200, Canned.User, Bucket("users-me", 1, 0, 2.5)));
        await bed.Client.GetCurrentUserAsync(default);

        var second = bed.Client.GetCurrentUserAsync(default);

        Assert.Equal(TimeSpan.FromSeconds(2.5), await bed.Time.NextTimerAsync());
        Assert.False(second.IsCompleted);
        Assert.Single(bed.Handler.Requests);
        bed.Time.Advance(TimeSpan.FromSeconds(2.4));
        Assert.False(second.IsCompleted);
        bed.Time.Advance(TimeSpan.FromSeconds(0.1));
        await second.WaitAsync(HangGuard);
        Assert.Equal(2, bed.Handler.Requests.Count);
    }

    [Fact]
    public async Task LearntBucket_UsesRemainingSlotsWithoutWaiting()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(() => Respond(200, Canned.User, Bucket("users-me", 3, 2, 5)));
        bed.Handler.Enqueue(() => Respond(200, Canned.User, Bucket("users-me", 3, 1, 4)));
        bed.Handler.Enqueue(() => Respond(200, Canned.User, Bucket("users-me", 3, 0, 3)));

        for (var i = 0; i < 3; i++)
        {
            await bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard);
        }

        var fourth = bed.Client.GetCurrentUserAsync(default);
        Assert.Equal(TimeSpan.FromSeconds(3), await bed.Time.NextTimerAsync());
        Assert.Equal(3, bed.Handler.Requests.Count);
        bed.Time.Advance(TimeSpan.FromSeconds(3));
        await fourth.WaitAsync(HangGuard);
        Assert.Equal(4, bed.Handler.Requests.Count);
    }

    [Fact]
    public async Task UnknownBucket_LetsOneRequestThroughUntilTheFirstAnswer()
    {
        using var bed = new RestTestBed();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Handler.Enqueue(async _ =>
        {
            await release.Task;
            return Respond(200, Canned.User, Bucket("users-me", 5, 4, 1));
        });

        var first = bed.Client.GetCurrentUserAsync(default);
        await bed.Handler.NextRequestAsync();
        var second = bed.Client.GetCurrentUserAsync(default);
        var third = bed.Client.GetCurrentUserAsync(default);

        Assert.Single(bed.Handler.Requests);
        Assert.False(second.IsCompleted);
        release.SetResult();
        await Task.WhenAll(first, second, third).WaitAsync(HangGuard);
        Assert.Equal(3, bed.Handler.Requests.Count);
    }

    [Fact]
    public async Task RoutesWithTheSameBucketHash_ShareOneBucket()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(() => Respond(200, Canned.User, Bucket("shared", 2, 1, 5)));
        bed.Handler.Enqueue(() => Respond(200, """{"id":"1","name":"app"}""", Bucket("shared", 2, 0, 5)));

        await bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard);
        await bed.Client.GetCurrentApplicationAsync(default).WaitAsync(HangGuard);
        var third = bed.Client.GetCurrentUserAsync(default);

        Assert.Equal(TimeSpan.FromSeconds(5), await bed.Time.NextTimerAsync());
        Assert.Equal(2, bed.Handler.Requests.Count);
        bed.Time.Advance(TimeSpan.FromSeconds(5));
        await third.WaitAsync(HangGuard);
        Assert.Equal(3, bed.Handler.Requests.Count);
    }

    [Fact]
    public async Task MajorParameter_SeparatesBucketsOfTheSameHash()
    {
        using var bed = new RestTestBed();
        var one = new Snowflake(111);
        var two = new Snowflake(222);
        bed.Handler.Enqueue(() => Respond(200, Canned.Message(channel: 111), Bucket("channel-messages", 5, 0, 10)));
        bed.Handler.Enqueue(() => Respond(200, Canned.Message(channel: 222), Bucket("channel-messages", 5, 4, 10)));
        var body = ComfyBot.Discord.Messages.MessageBody.FromContent("hi");

        await bed.Client.CreateMessageAsync(one, body, default).WaitAsync(HangGuard);
        await bed.Client.CreateMessageAsync(two, body, default).WaitAsync(HangGuard);
        Assert.False(bed.Time.HasPendingTimer);
        var againInOne = bed.Client.CreateMessageAsync(one, body, default);

        Assert.Equal(TimeSpan.FromSeconds(10), await bed.Time.NextTimerAsync());
        Assert.Equal(["/api/v10/channels/111/messages", "/api/v10/channels/222/messages"], bed.Handler.Requests.Select(r => r.PathAndQuery));
        bed.Time.Advance(TimeSpan.FromSeconds(10));
        await againInOne.WaitAsync(HangGuard);
    }

    [Fact]
    public async Task RouteWithoutBucketHeaders_IsNotLimitedPerRoute()
    {
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(200, Canned.User);

        await bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => bed.Client.GetCurrentUserAsync(default))).WaitAsync(HangGuard);

        Assert.Equal(11, bed.Handler.Requests.Count);
        Assert.False(bed.Time.HasPendingTimer);
    }

    [Fact]
    public async Task CancelledProbe_FreesTheUnknownBucket()
    {
        using var bed = new RestTestBed();
        using var cancel = new CancellationTokenSource();
        bed.Handler.Enqueue(async _ =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancel.Token);
            return Respond(200, Canned.User);
        });

        var probe = bed.Client.GetCurrentUserAsync(cancel.Token);
        await bed.Handler.NextRequestAsync();
        var waiting = bed.Client.GetCurrentUserAsync(default);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.WaitAsync(HangGuard));
        await waiting.WaitAsync(HangGuard);
        Assert.Equal(2, bed.Handler.Requests.Count);
    }

    [Fact]
    public async Task CancelledWaiter_LeavesWithoutSending()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(() => Respond(200, Canned.User, Bucket("users-me", 1, 0, 30)));
        await bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard);
        using var cancel = new CancellationTokenSource();

        var waiting = bed.Client.GetCurrentUserAsync(cancel.Token);
        await bed.Time.NextTimerAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(HangGuard));
        Assert.Single(bed.Handler.Requests);
    }

    [Fact]
    public async Task RateLimitedProbe_TeachesTheBucket_AndTheRetryWaits()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(() => Respond(429, Canned.RateLimited(2, global: false), [.. Bucket("users-me", 1, 0, 2), ("X-RateLimit-Scope", "user")]));
        bed.Handler.Enqueue(() => Respond(200, Canned.User, Bucket("users-me", 1, 0, 2)));

        var first = bed.Client.GetCurrentUserAsync(default);
        Assert.Equal(TimeSpan.FromSeconds(2), await bed.Time.NextTimerAsync());
        bed.Time.Advance(TimeSpan.FromSeconds(2));
        await first.WaitAsync(HangGuard);
        var second = bed.Client.GetCurrentUserAsync(default);

        Assert.Equal(TimeSpan.FromSeconds(2), await bed.Time.NextTimerAsync());
        Assert.Equal(2, bed.Handler.Requests.Count);
        bed.Time.Advance(TimeSpan.FromSeconds(2));
        await second.WaitAsync(HangGuard);
    }

    [Fact]
    public async Task InteractionBuckets_AreForgottenWhenIdle()
    {
        // Each answer empties its token's window, so the buckets stay until the prune (one with slots left goes at once).
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(200, Canned.Message(), Bucket("webhook", 5, 0, 1));
        var body = ComfyBot.Discord.Messages.MessageBody.FromContent("x");
        for (var i = 0; i < 5; i++)
        {
            await bed.Client.EditOriginalResponseAsync(new Snowflake(1), $"token-{i}", body, default).WaitAsync(HangGuard);
        }

        Assert.Equal(5, bed.Client.Buckets.Count);
        bed.Time.Advance(TimeSpan.FromMinutes(30));
        await bed.Client.EditOriginalResponseAsync(new Snowflake(1), "token-new", body, default).WaitAsync(HangGuard);

        Assert.Equal(1, bed.Client.Buckets.Count);
    }

    [Fact]
    public async Task AnsweredInteractionBuckets_AreForgottenOnceTheirWindowIsOver_NotAfterTwentyMinutes()
    {
        // A burst of slash commands, each answered by one callback, left one bucket per interaction for 20 minutes.
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(204, null, Bucket("callback", 1, 0, 1));
        for (var i = 0; i < 50; i++)
        {
            await bed.Client.CreateInteractionResponseAsync(new Snowflake((ulong)(1000 + i)), $"token-{i}", ComfyBot.Discord.Responses.InteractionCallback.Defer(), withResponse: false, default).WaitAsync(HangGuard);
        }

        Assert.Equal(50, bed.Client.Buckets.Count);
        bed.Time.Advance(TimeSpan.FromMinutes(2));
        await bed.Client.CreateInteractionResponseAsync(new Snowflake(2000), "token-new", ComfyBot.Discord.Responses.InteractionCallback.Defer(), withResponse: false, default).WaitAsync(HangGuard);

        Assert.Equal(1, bed.Client.Buckets.Count);
    }

    [Fact]
    public async Task InteractionBucket_InsideItsWindow_IsKept()
    {
        // The token's window (here 5 minutes) still limits the next edit, so the bucket must not be forgotten early.
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(200, Canned.Message(), Bucket("webhook", 5, 0, 300));
        var body = ComfyBot.Discord.Messages.MessageBody.FromContent("x");
        await bed.Client.EditOriginalResponseAsync(new Snowflake(1), "token-a", body, default).WaitAsync(HangGuard);
        bed.Time.Advance(TimeSpan.FromMinutes(2));
        await bed.Client.EditOriginalResponseAsync(new Snowflake(1), "token-b", body, default).WaitAsync(HangGuard);

        Assert.Equal(2, bed.Client.Buckets.Count);
    }

    [Fact]
    public async Task InteractionBuckets_WithSlotsLeftAfterTheAnswer_AreNotKeptWhileTheJobWaits()
    {
        // 10,000 queued jobs each kept their reply's buckets, routes and keys (about 0.6 KB) for as long as they
        // waited: an idle bot sends nothing, so the prune never ran (issue 15).
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(200, Canned.Message(), Bucket("webhook", 5, 4, 5));
        var body = ComfyBot.Discord.Messages.MessageBody.FromContent("x");
        for (var i = 0; i < 50; i++)
        {
            await bed.Client.CreateInteractionResponseAsync(new Snowflake((ulong)(1000 + i)), $"token-{i}", ComfyBot.Discord.Responses.InteractionCallback.Defer(), withResponse: false, default).WaitAsync(HangGuard);
            await bed.Client.EditOriginalResponseAsync(new Snowflake(1), $"token-{i}", body, default).WaitAsync(HangGuard);
        }

        Assert.Equal(0, bed.Client.Buckets.Count);
    }

    [Fact]
    public async Task ForgottenInteractionBucket_LearnsItsWindowAgain_AndAnEmptyOneStillHoldsTheNextEdit()
    {
        using var bed = new RestTestBed();
        bed.Handler.Enqueue(() => Respond(200, Canned.Message(), Bucket("webhook", 5, 1, 5)));
        bed.Handler.Enqueue(() => Respond(200, Canned.Message(), Bucket("webhook", 5, 0, 4)));
        bed.Handler.Enqueue(() => Respond(200, Canned.Message(), Bucket("webhook", 5, 4, 5)));
        var body = ComfyBot.Discord.Messages.MessageBody.FromContent("x");

        await bed.Client.EditOriginalResponseAsync(new Snowflake(1), "token-a", body, default).WaitAsync(HangGuard);
        Assert.Equal(0, bed.Client.Buckets.Count);

        // A new bucket for the token: its first request goes alone, and the answer says the window is now empty.
        await bed.Client.EditOriginalResponseAsync(new Snowflake(1), "token-a", body, default).WaitAsync(HangGuard);
        Assert.Equal(1, bed.Client.Buckets.Count);

        var third = bed.Client.EditOriginalResponseAsync(new Snowflake(1), "token-a", body, default);
        Assert.Equal(TimeSpan.FromSeconds(4), await bed.Time.NextTimerAsync());
        Assert.Equal(2, bed.Handler.Requests.Count);
        bed.Time.Advance(TimeSpan.FromSeconds(4));
        await third.WaitAsync(HangGuard);
        Assert.Equal(3, bed.Handler.Requests.Count);
        Assert.Equal(0, bed.Client.Buckets.Count);
    }

    [Fact]
    public async Task ChannelBuckets_WithSlotsLeft_AreKept()
    {
        // Only interaction tokens, one per job, are forgotten this way: a channel's bucket serves the next message.
        using var bed = new RestTestBed();
        bed.Handler.Fallback = _ => Respond(200, Canned.User, Bucket("users-me", 5, 4, 5));
        await bed.Client.GetCurrentUserAsync(default).WaitAsync(HangGuard);

        Assert.Equal(1, bed.Client.Buckets.Count);
    }
}
