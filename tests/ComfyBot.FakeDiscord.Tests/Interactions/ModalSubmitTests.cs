using System.Net;
using System.Text.Json;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.FakeDiscord.Tests.Interactions;

/// <summary>A modal the bot opens (callback 9, Label components) comes back as a MODAL_SUBMIT in the same shape, with what Discord's client enforces.</summary>
public sealed class ModalSubmitTests
{
    private const string Modal = """
        {"type":9,"data":{"custom_id":"edit:4","title":"Edit & redo #4","components":[
          {"type":18,"label":"Prompt","component":{"type":4,"custom_id":"prompt","style":2,"value":"a cat","required":true,"min_length":1,"max_length":20}},
          {"type":18,"label":"Negative","component":{"type":4,"custom_id":"negative","style":2,"required":false}}]}}
        """;

    private static async Task<(FakeDiscordServer Fake, FakeInteraction Click)> OpenedAsync()
    {
        var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var command = fake.CreateSlashCommand("imagine");
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(Discord.Callback(command), Discord.Json(Modal))).StatusCode);
        fake.AssertNoContractViolations();
        return (fake, command);
    }

    [Fact]
    public async Task Submission_AnswersEachLabelWithItsInput_AndIsAModalSubmitOnTheGateway()
    {
        var (fake, opener) = await OpenedAsync();
        await using (fake)
        {
            var submit = fake.CreateModalSubmit(opener, new Dictionary<string, string> { ["prompt"] = "a dog" });

            Assert.Equal(5, submit.Type);
            var data = submit.Payload.GetProperty("data");
            Assert.Equal("edit:4", data.GetProperty("custom_id").GetString());
            var labels = data.GetProperty("components").EnumerateArray().ToList();
            Assert.All(labels, l => Assert.Equal(18, l.GetProperty("type").GetInt32()));
            Assert.Equal(
                [("prompt", "a dog"), ("negative", "")],
                labels.Select(l => (l.GetProperty("component").GetProperty("custom_id").GetString(), l.GetProperty("component").GetProperty("value").GetString())));
        }
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("a prompt far longer than twenty", "at most 20 characters")]
    public async Task Submission_TheClientWouldNotSend_IsRefusedToTheTest(string prompt, string why)
    {
        var (fake, opener) = await OpenedAsync();
        await using (fake)
        {
            var error = Assert.Throws<ArgumentException>(() => fake.CreateModalSubmit(opener, new Dictionary<string, string> { ["prompt"] = prompt }));

            Assert.Contains(why, error.Message, StringComparison.Ordinal);
        }
    }
}
