using System.Net;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Contracts;

namespace ComfyBot.FakeDiscord.Tests.Rest;

public sealed class RestContractTests
{
    [Fact]
    public async Task UnknownField_IsDroppedLikeDiscord_AndListedAsUndocumented()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var channel = $"channels/{fake.Guilds[0].Channels[0].Id}/messages";

        var response = await http.PostAsync(channel, Discord.Json("""{"content":"hi","contnet":"typo"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(fake.ContractViolations);
        var undocumented = Assert.Single(fake.UndocumentedFields);
        Assert.Equal("post /channels/{channel_id}/messages", undocumented.Operation);
        Assert.Equal("/contnet", undocumented.Location);
    }

    [Fact]
    public async Task ContractViolation_IsRecordedAndAnsweredLikeDiscord()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var channel = $"channels/{fake.Guilds[0].Channels[0].Id}/messages";

        var response = await http.PostAsync(channel, Discord.Json("""{"content":"hi","flags":"loud"}"""));
        Assert.Equal((400, 50035), await Discord.ErrorAsync(response));
        var violation = Assert.Single(fake.ContractViolations);
        Assert.Equal("post /channels/{channel_id}/messages", violation.Operation);
        Assert.Equal("/flags", violation.Location);
        Assert.Empty(fake.MessagesIn(fake.Guilds[0].Channels[0].Id));

        var thrown = Assert.Throws<ContractViolationException>(fake.AssertNoContractViolations);
        Assert.Contains("post /channels/{channel_id}/messages", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.BotToken, thrown.Message, StringComparison.Ordinal);
        fake.ClearContractViolations();
        fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task WrongTypeInCallbackData_IsCaughtAtItsPointer()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("imagine");

        var response = await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":4,"data":{"content":42}}"""));
        Assert.Equal((400, 50035), await Discord.ErrorAsync(response));
        Assert.Contains(fake.ContractViolations, v => v.Location == "/data/content");
        Assert.Null(interaction.Callback);
        Assert.Equal(1, fake.Counters.ContractViolations);
    }

    [Fact]
    public async Task ViolationsCanBeRecordedWithoutRejecting()
    {
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { RejectContractViolations = false });
        using var http = Discord.Http(fake);
        var response = await http.PostAsync($"channels/{fake.Guilds[0].Channels[0].Id}/messages", Discord.Json("""{"content":"hi","flags":"loud"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(fake.ContractViolations);
    }

    [Fact]
    public async Task InvalidJson_Is50109()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var response = await http.PostAsync($"channels/{fake.Guilds[0].Channels[0].Id}/messages", Discord.Json("{not json"));
        Assert.Equal((400, 50109), await Discord.ErrorAsync(response));
    }

    [Fact]
    public async Task CommandsPut_WithDocCorrectStringPermissions_PassesAndIsStoredWithIds()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var commands = """
            [{"name":"imagine","description":"Draw a picture","type":1,"default_member_permissions":"32","contexts":[0],"integration_types":[0],
              "options":[{"type":3,"name":"prompt","description":"What to draw","required":true},{"type":4,"name":"seed","description":"Seed","min_value":0}]}]
            """;
        var put = await http.PutAsync($"applications/{fake.ApplicationId}/commands", Discord.Json(commands));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stored = (await Discord.BodyAsync(put)).AsArray();
        var id = stored[0]!["id"]!.GetValue<string>();
        Assert.Equal("32", stored[0]!["default_member_permissions"]!.GetValue<string>());
        fake.AssertNoContractViolations();

        var again = await Discord.BodyAsync(await http.PutAsync($"applications/{fake.ApplicationId}/commands", Discord.Json(commands)));
        Assert.Equal(id, again[0]!["id"]!.GetValue<string>());
        var get = await Discord.BodyAsync(await http.GetAsync($"applications/{fake.ApplicationId}/commands"));
        Assert.Equal("imagine", get[0]!["name"]!.GetValue<string>());
        Assert.Equal(2, fake.CommandOverwriteCount);

        // An interaction for a registered command carries that command's id.
        var interaction = fake.CreateSlashCommand("imagine");
        Assert.Equal(id, interaction.Payload.GetProperty("data").GetProperty("id").GetString());

        var guild = fake.Guilds[0].Id;
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsync($"applications/{fake.ApplicationId}/guilds/{guild}/commands", Discord.Json(commands))).StatusCode);
        Assert.Equal(guild.ToString(), Assert.Single(fake.GetCommands(guild)).GetProperty("guild_id").GetString());
    }

    [Fact]
    public async Task BotRoutes_WithoutTheToken_Are401Code0()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var anonymous = Discord.Http(fake, authorized: false);
        var unauthorized = await anonymous.GetAsync("users/@me");
        Assert.Equal((401, 0), await Discord.ErrorAsync(unauthorized));
        Assert.Equal("10", Discord.Header(unauthorized, "X-RateLimit-Remaining"));
        Assert.Equal((401, 0), await Discord.ErrorAsync(await anonymous.PostAsync($"channels/{fake.Guilds[0].Channels[0].Id}/messages", Discord.Json("""{"content":"x"}"""))));

        using var wrong = Discord.Http(fake, authorized: false);
        wrong.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bot wrong");
        Assert.Equal((401, 0), await Discord.ErrorAsync(await wrong.GetAsync("gateway/bot")));
    }

    [Fact]
    public async Task ChannelMessages_CanBeEditedAndDeleted_WithHistory()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var channelId = fake.Guilds[0].Channels[0].Id;
        var created = await Discord.BodyAsync(await http.PostAsync($"channels/{channelId}/messages", Discord.Json("""{"content":"v1"}""")));
        var id = created["id"]!.GetValue<string>();

        var edited = await http.PatchAsync($"channels/{channelId}/messages/{id}", Discord.Json(new JsonObject { ["content"] = "v2" }));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"channels/{channelId}/messages/{id}")).StatusCode);
        Assert.Equal((404, 10008), await Discord.ErrorAsync(await http.GetAsync($"channels/{channelId}/messages/{id}")));
        Assert.Equal((404, 10003), await Discord.ErrorAsync(await http.PostAsync("channels/1/messages", Discord.Json("""{"content":"x"}"""))));

        var message = fake.FindMessage(ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture))!;
        Assert.True(message.IsDeleted);
        Assert.Equal(["v1", "v2"], message.History.Select(s => s.Content));
    }

    [Fact]
    public async Task UnknownRoute_Is404_AndRecorded()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        Assert.Equal((404, 0), await Discord.ErrorAsync(await http.GetAsync("no/such/route")));
        Assert.Equal("unknown-route", Assert.Single(fake.Requests).Outcome);
    }

    [Fact]
    public async Task EditsWithFieldsDiscordAccepts_AreAccepted()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("imagine");
        var reply = await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":4,"data":{"content":"hi","tts":false,"enforce_nonce":false}}"""));
        Assert.Equal(HttpStatusCode.NoContent, reply.StatusCode);

        var edit = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"content":"edited","tts":false,"enforce_nonce":true}"""));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal("edited", interaction.OriginalMessage!.Current.Content);
        fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task ExpiredInteractionToken_Is401_EvenWhenTheBodyIsAlsoWrong()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = time });
        using var http = Discord.Http(fake, authorized: false);
        var interaction = fake.CreateSlashCommand("imagine");
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":5}"""))).StatusCode);
        time.Advance(TimeSpan.FromMinutes(15));

        var response = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"content":42}"""));
        Assert.Equal((401, 50027), await Discord.ErrorAsync(response));
        Assert.Empty(fake.ContractViolations);
    }

    [Fact]
    public async Task UnknownInteraction_Is404_EvenWhenTheBodyIsAlsoWrong()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake, authorized: false);
        var response = await http.PostAsync("interactions/1300000000000000999/not-a-token/callback", Discord.Json("""{"type":"four"}"""));
        Assert.Equal((404, 10062), await Discord.ErrorAsync(response));
        Assert.Empty(fake.ContractViolations);
    }
}
