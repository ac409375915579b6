using System.Net;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Interactions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.FakeDiscord.Tests;

/// <summary>The whole path a bot takes: log in, connect, receive an interaction, defer, edit, edit again.</summary>
public sealed class EndToEndFlowTests
{
    [Fact]
    public async Task LogIn_Connect_ReceiveInteraction_Defer_Edit_KeepsEveryState()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = time, HeartbeatInterval = TimeSpan.FromSeconds(30) });
        using var http = Discord.Http(fake);

        var me = await Discord.BodyAsync(await http.GetAsync("users/@me"));
        Assert.Equal(fake.ApplicationId.ToString(), me["id"]!.GetValue<string>());
        Assert.True(me["bot"]!.GetValue<bool>());

        var application = await Discord.BodyAsync(await http.GetAsync("applications/@me"));
        Assert.Equal(fake.ApplicationId.ToString(), application["id"]!.GetValue<string>());

        var gatewayBot = await Discord.BodyAsync(await http.GetAsync("gateway/bot"));
        Assert.Equal(1, gatewayBot["shards"]!.GetValue<int>());
        Assert.Equal(1000, gatewayBot["session_start_limit"]!["remaining"]!.GetValue<int>());
        Assert.Equal(1, gatewayBot["session_start_limit"]!["max_concurrency"]!.GetValue<int>());
        var url = new Uri(gatewayBot["url"]!.GetValue<string>());

        await using var gateway = await TestGatewayClient.ConnectAsync(url);
        var hello = await gateway.NextAsync();
        Assert.Equal(10, hello["op"]!.GetValue<int>());
        Assert.Equal(30_000, hello["d"]!["heartbeat_interval"]!.GetValue<int>());

        await gateway.SendAsync(1, null);
        Assert.Equal(11, (await gateway.NextAsync())["op"]!.GetValue<int>());

        await gateway.IdentifyAsync(fake.BotToken);
        var ready = await gateway.NextAsync();
        Assert.Equal("READY", ready["t"]!.GetValue<string>());
        Assert.Equal(1, ready["s"]!.GetValue<int>());
        var d = ready["d"]!;
        Assert.Equal(10, d["v"]!.GetValue<int>());
        Assert.Equal(fake.ApplicationId.ToString(), d["application"]!["id"]!.GetValue<string>());
        Assert.NotNull(d["application"]!["flags"]);
        Assert.Equal(fake.ResumeGatewayUrl.ToString().TrimEnd('/'), d["resume_gateway_url"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(d["session_id"]!.GetValue<string>()));
        Assert.True(d["guilds"]![0]!["unavailable"]!.GetValue<bool>());

        var guildCreate = await gateway.NextAsync();
        Assert.Equal("GUILD_CREATE", guildCreate["t"]!.GetValue<string>());
        Assert.Equal(2, guildCreate["s"]!.GetValue<int>());
        Assert.Equal(fake.Guilds[0].Channels[0].Id.ToString(), guildCreate["d"]!["channels"]![0]!["id"]!.GetValue<string>());

        var interaction = fake.CreateSlashCommand("imagine", [SlashCommandOption.Text("prompt", "a lighthouse"), SlashCommandOption.WholeNumber("seed", 42)]);
        Assert.True(interaction.IsDispatched);
        var create = await gateway.NextDispatchAsync("INTERACTION_CREATE");
        Assert.Equal(3, create["s"]!.GetValue<int>());
        var payload = create["d"]!;
        Assert.Equal(interaction.Id.ToString(), payload["id"]!.GetValue<string>());
        Assert.Equal(interaction.Token, payload["token"]!.GetValue<string>());
        Assert.Equal(2, payload["type"]!.GetValue<int>());
        Assert.Equal(1, payload["version"]!.GetValue<int>());
        Assert.Equal("imagine", payload["data"]!["name"]!.GetValue<string>());
        Assert.Equal("a lighthouse", payload["data"]!["options"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(42, payload["data"]!["options"]![1]!["value"]!.GetValue<long>());
        Assert.Equal("alice", payload["member"]!["user"]!["username"]!.GetValue<string>());
        Assert.NotNull(payload["member"]!["roles"]);
        Assert.Equal(10 * 1024 * 1024, payload["attachment_size_limit"]!.GetValue<long>());
        Assert.NotNull(payload["app_permissions"]);
        Assert.Equal("en-US", payload["locale"]!.GetValue<string>());
        Assert.Equal(fake.Guilds[0].Channels[0].Id.ToString(), payload["channel"]!["id"]!.GetValue<string>());
        // The id's timestamp is the fake clock's now, as Discord.Net computes interaction age from it.
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), (long)(interaction.Id >> 22) + 1_420_070_400_000);

        var defer = await http.PostAsync(Discord.Callback(interaction, withResponse: true), Discord.Json("""{"type":5}"""));
        Assert.Equal(HttpStatusCode.OK, defer.StatusCode);
        var deferBody = await Discord.BodyAsync(defer);
        Assert.True(deferBody["interaction"]!["response_message_loading"]!.GetValue<bool>());
        Assert.Equal(interaction.OriginalMessage!.Id.ToString(), deferBody["interaction"]!["response_message_id"]!.GetValue<string>());
        Assert.Equal(5, (await interaction.WaitForCallbackAsync()).Type);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"content":"step 1/2"}"""))).StatusCode);
        time.Advance(TimeSpan.FromSeconds(2));
        var done = await http.PatchAsync(Discord.Original(fake, interaction), Discord.Json("""{"content":"done","components":[{"type":1,"components":[{"type":2,"style":1,"label":"Again","custom_id":"job:1:again"}]}]}"""));
        Assert.Equal("done", (await Discord.BodyAsync(done))["content"]!.GetValue<string>());

        var states = interaction.OriginalMessage.History;
        Assert.Equal(["", "step 1/2", "done"], states.Select(s => s.Content));
        Assert.True(states[0].IsLoading);
        Assert.False(states[1].IsLoading);
        Assert.Equal(["job:1:again"], states[2].CustomIds);
        Assert.Equal(time.GetUtcNow(), states[2].At);

        var original = await Discord.BodyAsync(await http.GetAsync(Discord.Original(fake, interaction)));
        Assert.Equal("done", original["content"]!.GetValue<string>());
        Assert.NotNull(original["edited_timestamp"]);
        fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task ButtonClick_UpdateMessage_EditsTheClickedMessage()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var command = fake.CreateSlashCommand("imagine", [SlashCommandOption.Text("prompt", "x")]);
        var reply = await http.PostAsync(Discord.Callback(command), Discord.Json("""
            {"type":4,"data":{"content":"result","components":[{"type":1,"components":[{"type":2,"style":4,"label":"Cancel","custom_id":"job:7:cancel"}]}]}}
            """));
        Assert.Equal(HttpStatusCode.NoContent, reply.StatusCode);
        var message = command.OriginalMessage!;

        var click = fake.CreateButtonClick(message, "job:7:cancel");
        Assert.Equal(3, click.Type);
        Assert.Equal("job:7:cancel", click.Payload.GetProperty("data").GetProperty("custom_id").GetString());
        Assert.Equal(message.Id.ToString(), click.Payload.GetProperty("message").GetProperty("id").GetString());
        Assert.Throws<ArgumentException>(() => fake.CreateButtonClick(message, "no-such-button"));

        var update = await http.PostAsync(Discord.Callback(click), Discord.Json("""{"type":7,"data":{"content":"Cancelled","components":[]}}"""));
        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        Assert.Equal(["result", "Cancelled"], message.History.Select(s => s.Content));
        Assert.Empty(message.Current.Components);
        Assert.Same(message, click.OriginalMessage);

        var followup = await http.PostAsync($"webhooks/{fake.ApplicationId}/{click.Token}", Discord.Json("""{"content":"cancelled by alice","flags":64}"""));
        Assert.Equal(HttpStatusCode.OK, followup.StatusCode);
        Assert.True(Assert.Single(click.Followups).Current.IsEphemeral);
        fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task SlashCommand_WithAttachmentOption_ResolvesAndServesTheFile()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake, authorized: false);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        var interaction = fake.CreateSlashCommand("img2img", [SlashCommandOption.File("image", "in.png", "image/png", png)]);

        var data = JsonNode.Parse(interaction.Payload.GetRawText())!["data"]!;
        var id = data["options"]![0]!["value"]!.GetValue<string>();
        var resolved = data["resolved"]!["attachments"]![id]!;
        Assert.Equal("in.png", resolved["filename"]!.GetValue<string>());
        Assert.Equal(png.Length, resolved["size"]!.GetValue<int>());
        Assert.Equal(png, await http.GetByteArrayAsync(new Uri(resolved["url"]!.GetValue<string>())));
    }
}
