using System.Net;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.FakeDiscord.Tests.Interactions;

public sealed class CallbackTypeTests
{
    [Fact]
    public async Task Modal_IsRecordedAsTheCallback_WithoutAMessage()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("settings");
        var modal = """
            {"type":9,"data":{"custom_id":"settings:modal","title":"Settings","components":[
              {"type":18,"label":"Steps","component":{"type":4,"custom_id":"steps","style":1}}]}}
            """;
        var response = await http.PostAsync(Discord.Callback(interaction), Discord.Json(modal));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var callback = await interaction.WaitForCallbackAsync();
        Assert.Equal(9, callback.Type);
        Assert.Equal("settings:modal", callback.Data!.Value.GetProperty("custom_id").GetString());
        Assert.Null(interaction.OriginalMessage);
        fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task DeferredUpdate_OnAButton_MakesTheClickedMessageTheOriginal()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var command = fake.CreateSlashCommand("imagine");
        await http.PostAsync(Discord.Callback(command), Discord.Json("""
            {"type":4,"data":{"content":"done","components":[{"type":1,"components":[{"type":2,"style":2,"label":"Upscale","custom_id":"job:1:upscale"}]}]}}
            """));
        var click = fake.CreateButtonClick(command.OriginalMessage!, "job:1:upscale");

        var withResponse = await http.PostAsync(Discord.Callback(click, withResponse: true), Discord.Json("""{"type":6}"""));
        Assert.Equal(HttpStatusCode.OK, withResponse.StatusCode);
        var body = await Discord.BodyAsync(withResponse);
        Assert.Equal(command.OriginalMessage!.Id.ToString(), body["interaction"]!["response_message_id"]!.GetValue<string>());
        Assert.Null(body["resource"]!["message"]);

        await http.PatchAsync(Discord.Original(fake, click), Discord.Json("""{"content":"upscaling..."}"""));
        Assert.Equal(["done", "upscaling..."], command.OriginalMessage.History.Select(s => s.Content));
    }

    [Fact]
    public async Task ReplyWithResponse_ReturnsTheMessage()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("ping");
        var response = await http.PostAsync(Discord.Callback(interaction, withResponse: true), Discord.Json("""{"type":4,"data":{"content":"pong","flags":64}}"""));
        var body = await Discord.BodyAsync(response);
        Assert.Equal("pong", body["resource"]!["message"]!["content"]!.GetValue<string>());
        Assert.True(body["interaction"]!["response_message_ephemeral"]!.GetValue<bool>());
        Assert.True(interaction.OriginalMessage!.Current.IsEphemeral);
    }

    [Fact]
    public async Task Followups_CanBeReadEditedAndDeletedById()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("imagine");
        var early = await http.PostAsync($"webhooks/{fake.ApplicationId}/{interaction.Token}", Discord.Json("""{"content":"before ack"}"""));
        Assert.Equal((404, 10015), await Discord.ErrorAsync(early));

        await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":5}"""));
        var created = await Discord.BodyAsync(await http.PostAsync($"webhooks/{fake.ApplicationId}/{interaction.Token}", Discord.Json("""{"content":"image 1"}""")));
        var path = $"webhooks/{fake.ApplicationId}/{interaction.Token}/messages/{created["id"]!.GetValue<string>()}";

        Assert.Equal(HttpStatusCode.OK, (await http.PatchAsync(path, Discord.Json("""{"content":"image 1 (final)"}"""))).StatusCode);
        Assert.Equal("image 1 (final)", (await Discord.BodyAsync(await http.GetAsync(path)))["content"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync(path)).StatusCode);
        Assert.Equal((404, 10008), await Discord.ErrorAsync(await http.GetAsync(path)));

        var followup = Assert.Single(interaction.Followups);
        Assert.True(followup.IsDeleted);
        Assert.Equal(["image 1", "image 1 (final)"], followup.History.Select(s => s.Content));
    }

    [Fact]
    public async Task Autocomplete_CarriesTheFocusedOption_AndOnlyAcceptsChoices()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        Assert.Throws<ArgumentException>(() => fake.CreateAutocomplete("imagine", [SlashCommandOption.Text("model", "sd")]));
        var interaction = fake.CreateAutocomplete("imagine", [SlashCommandOption.Text("prompt", "x"), SlashCommandOption.Text("model", "sd") with { Focused = true }]);
        Assert.Equal(4, interaction.Type);
        Assert.True(interaction.Payload.GetProperty("data").GetProperty("options")[1].GetProperty("focused").GetBoolean());

        var defer = await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":5}"""));
        Assert.Equal((400, 50035), await Discord.ErrorAsync(defer));
        var choices = await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":8,"data":{"choices":[{"name":"sdxl","value":"sdxl"}]}}"""));
        Assert.Equal(HttpStatusCode.NoContent, choices.StatusCode);
        Assert.Equal("sdxl", interaction.Callback!.Data!.Value.GetProperty("choices")[0].GetProperty("value").GetString());
        fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task ConcurrentEdits_EachBecomeOneState()
    {
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { RateLimits = new() { Enforce = false } });
        using var http = Discord.Http(fake);
        var interaction = fake.CreateSlashCommand("imagine");
        await http.PostAsync(Discord.Callback(interaction), Discord.Json("""{"type":5}"""));

        var edits = Enumerable.Range(1, 20).Select(i => http.PatchAsync(Discord.Original(fake, interaction), Discord.Json($$"""{"content":"{{i}}"}""")));
        Assert.All(await Task.WhenAll(edits), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var history = interaction.OriginalMessage!.History;
        Assert.Equal(Enumerable.Range(0, 21), history.Select(s => s.Version));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), history.Skip(1).Select(s => s.Content).Order());
    }
}
