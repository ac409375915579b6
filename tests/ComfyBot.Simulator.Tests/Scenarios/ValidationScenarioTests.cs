using System.Text;
using System.Text.Json.Nodes;
using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Testing;
using ComfyBot.Testing.Traces;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>07_validation: the 17 bad bodies, posted byte for byte, answer with the recorded status and body.</summary>
public sealed class ValidationScenarioTests
{
    public static TheoryData<string> InvalidBodies()
    {
        var data = new TheoryData<string>();
        foreach (var record in TraceReader.Read("07_validation").Where(r => r.Kind == "http" && r.Method == "POST"))
        {
            data.Add(record.Note!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task InvalidBody_AnswersAsRecorded(string file)
    {
        var record = TraceReader.Read("07_validation").Single(r => r.Note == file);
        var body = File.ReadAllBytes(RepositoryFixtures.FixturePath("comfy", "workflows", file));
        Assert.Equal(record.RequestRaw, Encoding.UTF8.GetString(body));

        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        using var response = await http.PostAsync("/prompt", new ByteArrayContent(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(record.Status, (int)response.StatusCode);
        if (record.Json is null)
        {
            Assert.Equal(record.Line["text"]!.ToString(), text);
            return;
        }

        var actual = JsonNode.Parse(text);
        Recorded.AssertShape(record.Json, actual, file);
        var expected = WithoutTracebacks(record.Json.DeepClone());
        var got = WithoutTracebacks(actual);
        Assert.True(JsonNode.DeepEquals(expected, got), $"{file}:\nrecorded:  {expected!.ToJsonString()}\nsimulator: {got!.ToJsonString()}");
    }

    [Fact]
    public async Task InvalidBodies_QueueNothing_AndSendNoWebSocketMessages()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        var mark = a.Count;
        foreach (var file in Directory.GetFiles(RepositoryFixtures.FixturePath("comfy", "workflows", "invalid")))
        {
            using var response = await http.PostAsync("/prompt", new ByteArrayContent(File.ReadAllBytes(file)));
            Assert.False(response.IsSuccessStatusCode, file);
        }

        var queue = await Comfy.GetJsonAsync(http, "/queue");
        Assert.Empty(queue!["queue_running"]!.AsArray());
        Assert.Empty(queue["queue_pending"]!.AsArray());

        // A valid prompt afterwards: its status broadcast is the first thing the socket sees.
        var id = await Comfy.QueueAsync(http, Comfy.TraceSleep(1, "after-invalid"), "A");
        await a.WaitForDoneAsync(id, mark);
        Assert.Equal("status", a.Since(mark)[0].Type);
    }

    [Fact]
    public async Task PartiallyValidOutputs_Queued_WithNodeErrorsOnThe200()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        var prompt = Comfy.TraceSleep(1, "good");
        prompt["2"] = new JsonObject { ["class_type"] = "TraceSleep", ["inputs"] = new JsonObject { ["seconds"] = 1.0, ["steps"] = 0, ["preview"] = false, ["tag"] = "bad" } };

        sim.HoldSampling();
        var (status, body) = await Comfy.PostPromptAsync(http, prompt, "A");

        Assert.Equal(200, status);
        Assert.Equal("value_smaller_than_min", body["node_errors"]!["2"]!["errors"]![0]!["type"]!.ToString());
        Assert.Equal(["2"], body["node_errors"]!["2"]!["dependent_outputs"]!.AsArray().Select(n => n!.ToString()));
        var queue = await Comfy.GetJsonAsync(http, "/queue");
        Assert.Equal(["1"], queue!.AsObject().SelectMany(p => p.Value!.AsArray()).Select(i => i![4]!.AsArray().Single()!.ToString()));
        sim.ReleaseSampling();
    }

    private static JsonNode? WithoutTracebacks(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("traceback");
                foreach (var (_, value) in obj.ToList())
                {
                    WithoutTracebacks(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    WithoutTracebacks(item);
                }

                break;
        }

        return node;
    }
}
