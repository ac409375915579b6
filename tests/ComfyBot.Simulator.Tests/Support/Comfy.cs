using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ComfyBot.Testing;

namespace ComfyBot.Simulator.Tests.Support;

/// <summary>Plain-HTTP helpers for talking to the simulator as any ComfyUI client would.</summary>
internal static class Comfy
{
    /// <summary>A workflow from tests/fixtures/comfy/workflows, as a fresh JsonObject.</summary>
    public static JsonObject Workflow(string name) =>
        (JsonObject)JsonNode.Parse(RepositoryFixtures.ReadText("comfy", "workflows", name + ".json"))!;

    public static JsonObject TraceSleep(int steps, string tag, bool preview = false, double seconds = 1.0) => new()
    {
        ["1"] = new JsonObject
        {
            ["class_type"] = "TraceSleep",
            ["inputs"] = new JsonObject { ["seconds"] = seconds, ["steps"] = steps, ["preview"] = preview, ["tag"] = tag },
        },
    };

    public static HttpClient Http(ComfySimulator sim) => new() { BaseAddress = sim.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>POST /prompt; returns status and JSON body.</summary>
    public static async Task<(int Status, JsonObject Body)> PostPromptAsync(HttpClient http, JsonObject prompt, string? clientId, Action<JsonObject>? extra = null)
    {
        var body = new JsonObject { ["prompt"] = prompt.DeepClone() };
        if (clientId is not null)
        {
            body["client_id"] = clientId;
        }

        extra?.Invoke(body);
        using var response = await http.PostAsync("/prompt", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject ?? [];
        return ((int)response.StatusCode, json);
    }

    /// <summary>POST /prompt that must succeed; returns the prompt id.</summary>
    public static async Task<string> QueueAsync(HttpClient http, JsonObject prompt, string? clientId, Action<JsonObject>? extra = null)
    {
        var (status, body) = await PostPromptAsync(http, prompt, clientId, extra);
        Assert.True(status == 200, $"POST /prompt failed with {status}: {body.ToJsonString()}");
        return body["prompt_id"]!.ToString();
    }

    public static async Task<JsonNode?> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} gave {(int)response.StatusCode}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    public static async Task<int> PostJsonAsync(HttpClient http, string path, JsonNode? body)
    {
        using var content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(path, content);
        return (int)response.StatusCode;
    }

    public static Task<ComfySimulator> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        return ComfySimulator.StartAsync(options);
    }

    internal static JsonContent Json(JsonNode node) => JsonContent.Create(node, ComfyTestJson.Default.JsonNode);
}
