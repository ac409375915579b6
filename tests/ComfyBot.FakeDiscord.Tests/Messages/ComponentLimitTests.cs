using System.Net;
using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Tests.Messages;

/// <summary>Discord's button limits: 5 rows and unique custom ids (which its OpenAPI document does not carry), 5 per row (which it does).</summary>
public sealed class ComponentLimitTests
{
    private static JsonObject Body(int rows, int perRow, bool duplicate = false) => new()
    {
        ["content"] = "buttons",
        ["components"] = new JsonArray([.. Enumerable.Range(0, rows).Select(r => (JsonNode)new JsonObject
        {
            ["type"] = 1,
            ["components"] = new JsonArray([.. Enumerable.Range(0, perRow).Select(b => (JsonNode)new JsonObject
            {
                ["type"] = 2,
                ["style"] = 2,
                ["label"] = $"{r}-{b}",
                ["custom_id"] = duplicate ? "same" : $"b:{r}:{b}",
            })]),
        })]),
    };

    [Theory]
    [InlineData(6, 1, false, "components", "BASE_TYPE_MAX_LENGTH")]
    // Five per row is in the OpenAPI document (maxItems), so the contract check refuses a sixth first.
    [InlineData(1, 6, false, "components.0.components", "CONTRACT_VIOLATION")]
    [InlineData(1, 2, true, "components.0.components.1.custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED")]
    public async Task OverALimit_IsRefusedWhole_NamingTheField(int rows, int perRow, bool duplicate, string field, string code)
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var channel = fake.Guilds[0].Channels[0].Id;

        var response = await http.PostAsync($"channels/{channel}/messages", Discord.Json(Body(rows, perRow, duplicate)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await Discord.BodyAsync(response);
        Assert.Equal(50035, (int)error["code"]!);
        var node = field.Split('.').Aggregate(error["errors"]!, (n, part) => n[part]!);
        Assert.Equal(code, (string)node["_errors"]![0]!["code"]!);
        Assert.Empty(fake.MessagesIn(channel));
    }

    [Fact]
    public async Task FiveRowsOfFive_AreAccepted()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var http = Discord.Http(fake);
        var channel = fake.Guilds[0].Channels[0].Id;

        var response = await http.PostAsync($"channels/{channel}/messages", Discord.Json(Body(5, 5)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(25, Assert.Single(fake.MessagesIn(channel)).Current.CustomIds.Count);
        fake.AssertNoContractViolations();
    }
}
