using ComfyBot.Discord.Gateway;

namespace ComfyBot.Discord.Tests.Gateway;

public sealed class GatewayClientTests
{
    [Fact]
    public async Task AutoShardCount_RunsRecommendedShards_EachIdentifyingWithItsShardPair()
    {
        await using var gateway = await GatewayHarness.StartAsync(shardCount: null, recommendedShards: 2, maxConcurrency: 1);

        Assert.Equal(2, gateway.Client.Sessions.Count);
        var first = await gateway.IdentifyAsync(gateway.Transports[0]);

        // max_concurrency 1: shard 1 shares shard 0's bucket and identifies 5 s later.
        await gateway.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(5));
        var second = await gateway.IdentifyAsync(gateway.Transports[1]);

        Assert.Equal("[0,2]", first.GetProperty("d").GetProperty("shard").GetRawText());
        Assert.Equal("[1,2]", second.GetProperty("d").GetProperty("shard").GetRawText());
        Assert.All(gateway.Client.Sessions, s => Assert.Equal(GatewaySessionState.Ready, s.State));
        Assert.Equal(2, gateway.Client.IdentifyCount);
    }

    [Fact]
    public async Task ConfiguredShardCount_OverridesRecommendation_AndConcurrencyLetsBucketsStartTogether()
    {
        await using var gateway = await GatewayHarness.StartAsync(shardCount: 3, recommendedShards: 1, maxConcurrency: 16);

        var identifies = await Task.WhenAll(gateway.Transports.Select(t => gateway.IdentifyAsync(t)));

        Assert.Equal(3, gateway.Client.Sessions.Count);
        Assert.Equal(["[0,3]", "[1,3]", "[2,3]"], identifies.Select(i => i.GetProperty("d").GetProperty("shard").GetRawText()).Order());
    }

    [Fact]
    public async Task NoSessionStartsLeft_WaitsResetAfterBeforeConnecting()
    {
        await using var gateway = await GatewayHarness.StartAsync(remaining: 0);

        // reset_after is 3,600,000 ms in the harness; nothing connects before it has passed.
        await gateway.Time.WaitForTimerAsync(TimeSpan.FromHours(1));
        Assert.Empty(gateway.Transport.Connections);
        gateway.Info = gateway.Info with { SessionStartLimit = gateway.Info.SessionStartLimit with { Remaining = 1000 } };
        gateway.Time.Advance(TimeSpan.FromHours(1));

        await gateway.IdentifyAsync();
        Assert.Equal(1, gateway.Client.IdentifyCount);
    }

    [Fact]
    public async Task FatalCloseOnOneShard_StopsAllShards()
    {
        await using var gateway = await GatewayHarness.StartAsync(shardCount: 2, maxConcurrency: 2);
        await Task.WhenAll(gateway.Transports.Select(t => gateway.IdentifyAsync(t)));

        gateway.Transports[1].PushClose(4004);

        var error = await Assert.ThrowsAsync<GatewayFatalException>(() => gateway.Client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, error.ShardId);
        Assert.Equal(GatewaySessionState.Stopped, gateway.Client.Sessions[0].State);
        Assert.Equal(1000, await gateway.Transports[0].NextCloseAsync());
    }

    [Fact]
    public void InvalidOptions_AreRefusedWithKeyAndFix_WithoutEchoingToken()
    {
        var options = new GatewayOptions { Token = "Bot abc.def", ShardCount = 0, LargeThreshold = 10 };

        var problems = new GatewayOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(3, problems.Count);
        Assert.StartsWith("Token starts with \"Bot \"", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("ShardCount is 0", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("LargeThreshold is 10", problems[2], StringComparison.Ordinal);
        Assert.DoesNotContain(problems, p => p.Contains("abc.def", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_ToString_HidesToken()
    {
        var options = new GatewayOptions { Token = GatewayHarness.Token };

        Assert.True(new GatewayOptionsValidator().Validate(null, options).Succeeded);
        Assert.DoesNotContain(GatewayHarness.Token, options.ToString(), StringComparison.Ordinal);
    }
}
