using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Interactions;

namespace ComfyBot.FakeDiscord.Tests;

/// <summary>Raw HTTP helpers: what a Discord client library sends, with nothing of ours in between.</summary>
internal static class Discord
{
    public static HttpClient Http(FakeDiscordServer fake, bool authorized = true)
    {
        var http = new HttpClient { BaseAddress = fake.BaseAddress, Timeout = TestGatewayClient.HangGuard };
        if (authorized)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", fake.BotToken);
        }

        http.DefaultRequestHeaders.UserAgent.ParseAdd("DiscordBot (https://example.invalid, 1.0)");
        return http;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode json) => Json(json.ToJsonString());

    /// <summary>payload_json plus files[0..n] named as given.</summary>
    public static MultipartFormDataContent Multipart(JsonNode payload, params (string Name, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent { { Json(payload), "payload_json" } };
        for (var i = 0; i < files.Length; i++)
        {
            var part = new ByteArrayContent(files[i].Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(part, $"files[{i}]", files[i].Name);
        }

        return content;
    }

    public static async Task<JsonNode> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static async Task<(int Status, int Code)> ErrorAsync(HttpResponseMessage response)
    {
        var body = await BodyAsync(response);
        return ((int)response.StatusCode, body["code"]!.GetValue<int>());
    }

    public static string Callback(FakeInteraction interaction, bool withResponse = false) =>
        $"interactions/{interaction.Id}/{interaction.Token}/callback" + (withResponse ? "?with_response=true" : "");

    public static string Original(FakeDiscordServer fake, FakeInteraction interaction) =>
        $"webhooks/{fake.ApplicationId}/{interaction.Token}/messages/@original";

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
