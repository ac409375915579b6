using System.Net;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.RateLimits;
using ComfyBot.Testing;

namespace ComfyBot.FakeDiscord.Tests.Rest;

/// <summary>What ordinary client libraries call besides the bot's own routes (discord.py and discord.js log in and fetch with these).</summary>
public sealed class ClientRoutesTests
{
    [Theory]
    [InlineData("oauth2/applications/@me")]
    [InlineData("applications/@me")]
    public async Task Application_CarriesEveryFieldTheSpecRequires(string path)
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (JsonObject)await Discord.BodyAsync(response);

        var spec = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFixtures.FixturePath("discord", "openapi.json")))!;
        var required = spec["components"]!["schemas"]!["PrivateApplicationResponse"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.NotEmpty(required);
        Assert.All(required, field => Assert.True(body.ContainsKey(field), $"{path} lacks the required field '{field}'"));
        Assert.Equal(fake.ApplicationId.ToString(System.Globalization.CultureInfo.InvariantCulture), body["id"]!.GetValue<string>());
        Assert.NotNull(body["owner"]?["id"]);
    }

    [Fact]
    public async Task ChannelGuildAndUser_AreFetched_AndUnknownOnesAre404WithDiscordsCodes()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var guild = fake.Guilds[0];

        var channel = await Discord.BodyAsync(await http.GetAsync($"channels/{guild.Channels[0].Id}"));
        Assert.Equal(guild.Channels[0].Name, channel["name"]!.GetValue<string>());
        Assert.Equal(Id(guild.Id), channel["guild_id"]!.GetValue<string>());
        Assert.Equal((404, 10003), await Discord.ErrorAsync(await http.GetAsync("channels/1300000000000000999")));

        var guildBody = await Discord.BodyAsync(await http.GetAsync($"guilds/{guild.Id}"));
        Assert.Equal(guild.Name, guildBody["name"]!.GetValue<string>());
        Assert.Equal(Id(guild.Id), guildBody["roles"]![0]!["id"]!.GetValue<string>());
        Assert.Equal((404, 10004), await Discord.ErrorAsync(await http.GetAsync("guilds/1300000000000000999")));

        var user = await Discord.BodyAsync(await http.GetAsync($"users/{guild.Members[0].Id}"));
        Assert.Equal(guild.Members[0].Username, user["username"]!.GetValue<string>());
        Assert.Equal((404, 10013), await Discord.ErrorAsync(await http.GetAsync("users/1300000000000000999")));
    }

    [Fact]
    public async Task Typing_Is204_AndRecorded()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var channel = fake.Guilds[0].Channels[0].Id;
        var response = await http.PostAsync($"channels/{channel}/typing", null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal([channel], fake.TypingIn);
    }

    [Fact]
    public async Task Reactions_AreAddedListedAndRemoved()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var channel = fake.Guilds[0].Channels[0].Id;
        var created = await Discord.BodyAsync(await http.PostAsync($"channels/{channel}/messages", Discord.Json("""{"content":"react to me"}""")));
        var message = $"channels/{channel}/messages/{created["id"]!.GetValue<string>()}";
        var emoji = Uri.EscapeDataString("🔁");

        Assert.Equal(HttpStatusCode.NoContent, (await http.PutAsync($"{message}/reactions/{emoji}/@me", null)).StatusCode);
        var read = await Discord.BodyAsync(await http.GetAsync(message));
        Assert.Equal(1, read["reactions"]![0]!["count"]!.GetValue<int>());
        Assert.True(read["reactions"]![0]!["me"]!.GetValue<bool>());
        Assert.Equal("🔁", read["reactions"]![0]!["emoji"]!["name"]!.GetValue<string>());
        var users = (JsonArray)await Discord.BodyAsync(await http.GetAsync($"{message}/reactions/{emoji}"));
        Assert.Equal(Id(fake.BotUser.Id), Assert.Single(users)!["id"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"{message}/reactions/{emoji}/@me")).StatusCode);
        Assert.Null((await Discord.BodyAsync(await http.GetAsync(message)))["reactions"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SingleCommandRoutes_CreateUpsertReadEditDelete(bool inGuild)
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var scope = inGuild ? $"applications/{fake.ApplicationId}/guilds/{fake.Guilds[0].Id}/commands" : $"applications/{fake.ApplicationId}/commands";

        var first = await http.PostAsync(scope, Discord.Json("""{"name":"ping","description":"Ping","nsfw":false}"""));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await Discord.BodyAsync(first))["id"]!.GetValue<string>();
        var again = await http.PostAsync(scope, Discord.Json("""{"name":"ping","description":"Ping again"}"""));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await Discord.BodyAsync(again))["id"]!.GetValue<string>());

        var read = await Discord.BodyAsync(await http.GetAsync($"{scope}/{id}"));
        Assert.Equal("Ping again", read["description"]!.GetValue<string>());
        var edited = await Discord.BodyAsync(await http.PatchAsync($"{scope}/{id}", Discord.Json("""{"description":"Pong"}""")));
        Assert.Equal("Pong", edited["description"]!.GetValue<string>());
        Assert.Equal("ping", edited["name"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"{scope}/{id}")).StatusCode);
        Assert.Equal((404, 10063), await Discord.ErrorAsync(await http.GetAsync($"{scope}/{id}")));
        fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task InteractionReply_AndFollowup_CarryInteractionMetadata_AndTheOlderInteraction()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("imagine");
        await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":4,"data":{"content":"hi"}}"""));

        var original = await Discord.BodyAsync(await http.GetAsync(Discord.Original(fake, interaction)));
        Assert.Equal(Id(interaction.Id), original["interaction_metadata"]!["id"]!.GetValue<string>());
        Assert.Equal(2, original["interaction_metadata"]!["type"]!.GetValue<int>());
        Assert.Equal(Id(interaction.User.Id), original["interaction_metadata"]!["user"]!["id"]!.GetValue<string>());
        Assert.Equal(Id(interaction.Id), original["interaction"]!["id"]!.GetValue<string>());
        Assert.Equal("imagine", original["interaction"]!["name"]!.GetValue<string>());

        var followup = await Discord.BodyAsync(await http.PostAsync($"webhooks/{fake.ApplicationId}/{interaction.Token}", Discord.Json("""{"content":"more"}""")));
        Assert.Equal(Id(interaction.Id), followup["interaction_metadata"]!["id"]!.GetValue<string>());
        Assert.Equal(original["id"]!.GetValue<string>(), followup["interaction_metadata"]!["original_response_message_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReplyToAButtonClick_IsType19_WithItsMessageReference()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var command = fake.CreateSlashCommand("imagine");
        await http.PostAsync(Discord.Callback(command), Discord.Json("""
            {"type":4,"data":{"content":"done","components":[{"type":1,"components":[{"type":2,"style":1,"label":"Again","custom_id":"again"}]}]}}
            """));
        var click = fake.CreateButtonClick(command.OriginalMessage!, "again");
        await http.PostAsync(Discord.Callback(click), Discord.Json("""{"type":4,"data":{"content":"again it is"}}"""));

        var reply = await Discord.BodyAsync(await http.GetAsync(Discord.Original(fake, click)));
        Assert.Equal(19, reply["type"]!.GetValue<int>());
        Assert.Equal(Id(command.OriginalMessage!.Id), reply["message_reference"]!["message_id"]!.GetValue<string>());
        Assert.Equal(Id(command.OriginalMessage.Id), reply["interaction_metadata"]!["interacted_message_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChannelReply_WithAnIntegerMessageId_IsType19_WithItsMessageReference()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var channel = fake.Guilds[0].Channels[0].Id;
        var first = await Discord.BodyAsync(await http.PostAsync($"channels/{channel}/messages", Discord.Json("""{"content":"first"}""")));
        var id = first["id"]!.GetValue<string>();

        var reply = await Discord.BodyAsync(await http.PostAsync($"channels/{channel}/messages",
            Discord.Json($$$"""{"content":"reply","message_reference":{"message_id":{{{id}}},"channel_id":{{{channel}}}},"allowed_mentions":{"users":[{{{fake.Guilds[0].Members[0].Id}}}]}}""")));
        Assert.Equal(19, reply["type"]!.GetValue<int>());
        Assert.Equal(id, reply["message_reference"]!["message_id"]!.GetValue<string>());

        var missing = await http.PostAsync($"channels/{channel}/messages", Discord.Json("""{"content":"x","message_reference":{"message_id":"1300000000000000999"}}"""));
        Assert.Equal((400, 50035), await Discord.ErrorAsync(missing));
        fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task RateLimited_CarriesDiscordsHeaders_IncludingVia()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        fake.ScriptRateLimit("POST /channels/{channel_id}/messages", scope: RateLimitScope.User, retryAfter: TimeSpan.FromSeconds(2));
        var response = await http.PostAsync($"channels/{fake.Guilds[0].Channels[0].Id}/messages", Discord.Json("""{"content":"hi"}"""));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("1.1 google", Discord.Header(response, "Via"));
        Assert.Equal("2", Discord.Header(response, "Retry-After"));
        Assert.Equal("user", Discord.Header(response, "X-RateLimit-Scope"));
        Assert.NotEmpty(Discord.Header(response, "X-RateLimit-Bucket"));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    private static string Id(ulong id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
