using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.FakeDiscord.Tests.Gateway;

public sealed class ShardingTests
{
    // (id >> 22) % 2 decides the shard: 0 << 22 lands on shard 0, 1 << 22 on shard 1.
    private static readonly FakeGuild Even = new() { Id = 1UL << 23, Name = "even", Channels = [new FakeChannel(100, "a")] };
    private static readonly FakeGuild Odd = new() { Id = (1UL << 23) | (1UL << 22), Name = "odd", Channels = [new FakeChannel(200, "b")] };

    [Fact]
    public async Task EachShard_GetsItsGuilds_AndTheInteractionsInThem()
    {
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { Guilds = [Even, Odd], RecommendedShards = 2 });
        await using var shard0 = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await using var shard1 = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await shard0.NextAsync();
        await shard1.NextAsync();
        await shard0.IdentifyAsync(fake.BotToken, shard: new JsonArray(0, 2));
        await shard1.IdentifyAsync(fake.BotToken, shard: new JsonArray(1, 2));

        var ready0 = await shard0.NextDispatchAsync("READY");
        Assert.Equal([Even.Id.ToString()], ready0["d"]!["guilds"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()));
        Assert.Equal("even", (await shard0.NextDispatchAsync("GUILD_CREATE"))["d"]!["name"]!.GetValue<string>());
        Assert.Equal("odd", (await shard1.NextDispatchAsync("GUILD_CREATE"))["d"]!["name"]!.GetValue<string>());

        var inOdd = fake.CreateSlashCommand("imagine", origin: new InteractionOrigin { GuildId = Odd.Id });
        var received = await shard1.NextDispatchAsync("INTERACTION_CREATE");
        Assert.Equal(inOdd.Id.ToString(), received["d"]!["id"]!.GetValue<string>());
        Assert.Equal("200", received["d"]!["channel_id"]!.GetValue<string>());
        // Shard 0 saw READY + GUILD_CREATE only; shard 1 also the interaction.
        Assert.Equal([2, 3], fake.Gateway.SessionIds.Select(fake.Gateway.LastSequence).Order());
    }

    [Fact]
    public async Task DirectMessage_HasUserInsteadOfMember_AndBotDmContext()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var dm = fake.CreateSlashCommand("imagine", origin: new InteractionOrigin { DirectMessage = true });
        var payload = JsonNode.Parse(dm.Payload.GetRawText())!;
        Assert.Null(payload["member"]);
        Assert.Null(payload["guild_id"]);
        Assert.Equal("alice", payload["user"]!["username"]!.GetValue<string>());
        Assert.Equal(1, payload["context"]!.GetValue<int>());

        var reply = await http.PostAsync(Discord.Callback(dm), Discord.Json("""{"type":4,"data":{"content":"hi in DM"}}"""));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, reply.StatusCode);
        Assert.Null(dm.OriginalMessage!.GuildId);
    }
}
