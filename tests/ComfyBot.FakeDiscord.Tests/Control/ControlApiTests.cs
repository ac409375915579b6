using System.Net;
using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Tests.Control;

/// <summary>The HTTP control API: the standalone server driven with plain HTTP, as the README's curl examples do.</summary>
public sealed class ControlApiTests
{
    private static HttpClient Control(FakeDiscordServer fake) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{fake.Port}/control/"), Timeout = TestGatewayClient.HangGuard };

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, string json)
    {
        var response = await http.PostAsync(path, Discord.Json(json));
        var body = await Discord.BodyAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    [Fact]
    public async Task AMemberRunsACommandWithAnAttachment_ClicksTheReplysButton_AndSubmitsAModal()
    {
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = new FakeDiscordClock() });
        using var control = Control(fake);
        using var bot = Discord.Http(fake);

        var guild = await PostAsync(control, "guilds", """{"name":"Studio","channels":["art"],"members":[{"username":"bob","global_name":"Bob"}]}""");
        var guildId = guild["id"]!.GetValue<string>();
        var bob = guild["members"]![0]!["id"]!.GetValue<string>();
        var role = await PostAsync(control, $"guilds/{guildId}/roles", """{"name":"artists","permissions":"0"}""");

        var command = await PostAsync(control, "commands", $$$"""
            {"name":"imagine","guild_id":"{{{guildId}}}","user_id":"{{{bob}}}","role_ids":["{{{role["id"]}}}"],
             "options":[{"name":"prompt","value":"a lighthouse"},{"name":"steps","value":12},
                        {"name":"image","attachment":{"filename":"in.png","content_type":"image/png","base64":"iVBORw0KGgo="}}]}
            """);
        var interaction = fake.Interactions.Single(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == command["id"]!.GetValue<string>());
        Assert.Equal("bob", interaction.User.Username);
        var data = interaction.Payload.GetProperty("data");
        Assert.Equal(3, data.GetProperty("options").GetArrayLength());
        Assert.Single(data.GetProperty("resolved").GetProperty("attachments").EnumerateObject());

        await bot.PostAsync(Discord.Callback(interaction), Discord.Json("""
            {"type":4,"data":{"content":"done","components":[{"type":1,"components":[{"type":2,"style":1,"label":"Details","custom_id":"details"}]}]}}
            """));
        var read = await Discord.BodyAsync(await control.GetAsync($"interactions/{command["id"]}"));
        Assert.Equal(4, read["callback"]!["type"]!.GetValue<int>());
        var message = read["original"]!;
        Assert.Equal("done", message["states"]![0]!["content"]!.GetValue<string>());
        Assert.Equal("details", message["states"]![0]!["custom_ids"]![0]!.GetValue<string>());

        var click = await PostAsync(control, "clicks", $$"""{"message_id":"{{message["id"]}}","custom_id":"details","user_id":"{{bob}}"}""");
        Assert.Equal(3, click["type"]!.GetValue<int>());
        var clicked = fake.Interactions.Single(i => i.Type == 3);
        await bot.PostAsync(Discord.Callback(clicked), Discord.Json("""
            {"type":9,"data":{"custom_id":"details-form","title":"Details","components":[{"type":1,"components":[{"type":4,"custom_id":"note","label":"Note","style":1}]}]}}
            """));
        var modal = await PostAsync(control, "modals", $$$"""{"interaction_id":"{{{click["id"]}}}","values":{"note":"more contrast"}}""");
        Assert.Equal(5, modal["type"]!.GetValue<int>());
        var submitted = fake.Interactions.Single(i => i.Type == 5).Payload.GetProperty("data");
        Assert.Equal("details-form", submitted.GetProperty("custom_id").GetString());
        Assert.Equal("more contrast", submitted.GetProperty("components")[0].GetProperty("components")[0].GetProperty("value").GetString());

        var autocomplete = await PostAsync(control, "autocomplete", """{"name":"imagine","options":[{"name":"model","value":"sd","focused":true}]}""");
        Assert.Equal(4, autocomplete["type"]!.GetValue<int>());
        fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task TheClockMovesPastATokensLifetime_AndFaultsAreInjected()
    {
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = new FakeDiscordClock() });
        using var control = Control(fake);
        using var bot = Discord.Http(fake);
        var command = await PostAsync(control, "commands", """{"name":"imagine","options":[{"name":"prompt","value":"x"}]}""");
        var interaction = fake.Interactions.Single();
        await bot.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":5}"""));

        var advanced = await PostAsync(control, "clock/advance", """{"seconds":900}""");
        Assert.Equal(900, advanced["offset_seconds"]!.GetValue<double>());
        var expired = await bot.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"content":"late"}"""));
        Assert.Equal((401, 50027), await Discord.ErrorAsync(expired));

        await PostAsync(control, "faults/rate-limit", """{"operation":"POST /channels/{channel_id}/messages","retry_after":2}""");
        var limited = await bot.PostAsync($"channels/{fake.Guilds[0].Channels[0].Id}/messages", Discord.Json("""{"content":"hi"}"""));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        await PostAsync(control, "faults/server-error", """{"operation":"GET /users/@me","status":503}""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await bot.GetAsync("users/@me")).StatusCode);

        await PostAsync(control, "gateway/refuse", """{"refusing":true}""");
        Assert.True(fake.Gateway.RefusingConnections);
        var noGateway = await control.PostAsync("gateway/drop", null);
        Assert.Equal(HttpStatusCode.BadRequest, noGateway.StatusCode);
        Assert.Contains("No gateway connection", (await Discord.BodyAsync(noGateway))["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(command["id"]);
    }

    [Fact]
    public async Task AdvancingAHostsClock_IsRefused_SayingWhere()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var control = Control(fake);
        var response = await control.PostAsync("clock/advance", Discord.Json("""{"seconds":60}"""));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("TimeProvider", (await Discord.BodyAsync(response))["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGuildAddedWhileConnected_ArrivesAsGuildCreate_AndItsChannelAsChannelCreate()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gateway = await TestGatewayClient.ConnectAsync(fake.GatewayUrl);
        await gateway.HandshakeAsync(fake.BotToken);
        await gateway.NextDispatchAsync("GUILD_CREATE");
        using var control = Control(fake);

        var guild = await PostAsync(control, "guilds", """{"name":"Second","channels":["lobby"]}""");
        var created = await gateway.NextDispatchAsync("GUILD_CREATE");
        Assert.Equal("Second", created["d"]!["name"]!.GetValue<string>());
        var channel = await PostAsync(control, $"guilds/{guild["id"]}/channels", """{"name":"renders"}""");
        var channelCreate = await gateway.NextDispatchAsync("CHANNEL_CREATE");
        Assert.Equal(channel["id"]!.GetValue<string>(), channelCreate["d"]!["id"]!.GetValue<string>());
        Assert.Equal(2, fake.Guilds.Count);
    }
}
