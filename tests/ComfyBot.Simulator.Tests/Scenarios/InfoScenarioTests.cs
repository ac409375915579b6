using System.Text.Json.Nodes;
using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Testing.Traces;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>09_info: system_stats, features, object_info, models, embeddings, queue, prompt, history paging.</summary>
public sealed class InfoScenarioTests
{
    public static TheoryData<string> RecordedInfoPaths() =>
    [
        "/system_stats", "/features", "/object_info/KSampler", "/object_info/LoadImage", "/object_info/SaveImage",
        "/object_info/PreviewImage", "/object_info/EmptyLatentImage", "/object_info/CLIPTextEncode", "/object_info/TraceSleep",
        "/object_info/TraceFail", "/object_info/SaveImageWebsocket", "/object_info/NoSuchNode", "/api/object_info/KSampler",
        "/models", "/models/loras", "/models/no_such_folder", "/embeddings", "/extensions", "/api/system_stats", "/api/prompt",
        "/api/queue", "/api/features", "/queue", "/prompt", "/object_info/CheckpointLoaderSimple", "/models/checkpoints",
    ];

    [Theory]
    [MemberData(nameof(RecordedInfoPaths))]
    public async Task InfoEndpoint_AnswersWithRecordedStatusAndShape(string path)
    {
        var record = TraceReader.Read("09_info").First(r => r.Kind == "http" && r.Path == path);
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        using var response = await http.GetAsync(path);

        Assert.Equal(record.Status, (int)response.StatusCode);
        if (record.Json is not null)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var actual = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            Recorded.AssertShape(record.Json, actual, path);
            if (path.Contains("object_info/", StringComparison.Ordinal) && !path.EndsWith("LoadImage", StringComparison.Ordinal))
            {
                Assert.True(JsonNode.DeepEquals(record.Json, actual), $"{path} differs from the recording");
            }
        }
    }

    [Fact]
    public async Task ObjectInfo_All_ListsEveryRecordedClass_AndSystemStatsShowsTheSimulatedGpu()
    {
        await using var sim = await Comfy.StartAsync(o => o.VramTotal = 8L << 30);
        using var http = Comfy.Http(sim);
        var all = (await Comfy.GetJsonAsync(http, "/object_info"))!.AsObject();
        Assert.Equal(379, all.Count);
        var stats = await Comfy.GetJsonAsync(http, "/system_stats");
        var device = stats!["devices"]!.AsArray().Single()!;
        Assert.Equal("cuda:0 NVIDIA Simulated GPU : cudaMallocAsync", device["name"]!.ToString());
        Assert.Equal(8L << 30, (long)device["vram_total"]!);
        Assert.Equal("0.3.64", stats["system"]!["comfyui_version"]!.ToString());
    }

    [Fact]
    public async Task History_Paging_FollowsComfyUi()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await Comfy.QueueAsync(http, Comfy.TraceSleep(1, $"h{i}"), "A"));
            await a.WaitForDoneAsync(ids[^1]);
        }

        Assert.Equal(ids, Keys(await Comfy.GetJsonAsync(http, "/history")));
        Assert.Equal(ids[2..], Keys(await Comfy.GetJsonAsync(http, "/history?max_items=2")));
        Assert.Equal(ids[1..3], Keys(await Comfy.GetJsonAsync(http, "/history?max_items=2&offset=1")));
        Assert.Equal(ids[^1..], Keys(await Comfy.GetJsonAsync(http, "/api/history?max_items=1")));
        Assert.Empty(Keys(await Comfy.GetJsonAsync(http, "/history/00000000-0000-0000-0000-000000000000")));

        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/history", new JsonObject { ["delete"] = new JsonArray(ids[0]) }));
        Assert.Equal(ids[1..], Keys(await Comfy.GetJsonAsync(http, "/history")));
        Assert.Equal(200, await Comfy.PostJsonAsync(http, "/history", new JsonObject { ["clear"] = true }));
        Assert.Empty(Keys(await Comfy.GetJsonAsync(http, "/history")));
    }

    private static List<string> Keys(JsonNode? node) => [.. node!.AsObject().Select(p => p.Key)];
}
