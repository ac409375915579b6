using System.Text.Json.Nodes;
using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Testing;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>
/// A server without a custom node pack (<see cref="SimulatorOptions.MissingNodes"/>) answers as ComfyUI does for a class
/// it never had: left out of /object_info, an empty object for the class, and a prompt using it refused.
/// </summary>
public sealed class MissingNodesTests
{
    [Fact]
    public async Task A_missing_node_class_is_absent_from_object_info_and_a_prompt_using_it_is_refused_as_unknown()
    {
        await using var full = await Comfy.StartAsync();
        await using var sim = await Comfy.StartAsync(o => o.MissingNodes = ["SaveImageWebsocket"]);
        using var fullHttp = Comfy.Http(full);
        using var http = Comfy.Http(sim);

        var all = (await Comfy.GetJsonAsync(http, "/object_info"))!.AsObject();
        var fullAll = (await Comfy.GetJsonAsync(fullHttp, "/object_info"))!.AsObject();
        Assert.False(all.ContainsKey("SaveImageWebsocket"));
        Assert.Equal(fullAll.Count - 1, all.Count);
        Assert.True(JsonNode.DeepEquals(await Comfy.GetJsonAsync(http, "/object_info/NoSuchNode"), await Comfy.GetJsonAsync(http, "/object_info/SaveImageWebsocket")));

        var workflow = JsonNode.Parse(File.ReadAllText(RepositoryFixtures.FixturePath("comfy", "workflows", "ws_image.json")));
        using var response = await http.PostAsync("/prompt", Comfy.Json(new JsonObject { ["prompt"] = workflow }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("Cannot execute because node SaveImageWebsocket does not exist.", body, StringComparison.Ordinal);
    }
}
