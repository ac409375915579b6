using System.Text.Json.Nodes;
using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Testing.Traces;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>02_txt2img: a full run for client A (type-1 previews) watched by B (type-4 negotiated), then history and /view.</summary>
public sealed class Txt2ImgScenarioTests
{
    [Fact]
    public async Task Txt2Img_SameRequests_SendRecordedMessagesAndShapes()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        await using var b = await SimSocket.ConnectAsync(sim, "B", metadata: true);
        int markA = a.Count, markB = b.Count;
        var trace = TraceReader.Read("02_txt2img");

        sim.HoldSampling();
        var (status, body) = await Comfy.PostPromptAsync(http, Comfy.Workflow("txt2img"), "A");
        Assert.Equal(200, status);
        Recorded.AssertShape(trace.First(r => r.Method == "POST").Json, body, "POST /prompt");
        var promptId = body["prompt_id"]!.ToString();
        await a.WaitForAsync(r => r.Is("executing", promptId) && r.Data!["node"]?.ToString() == "3", markA);
        Recorded.AssertShape(trace.First(r => r.Path == "/queue").Json, await Comfy.GetJsonAsync(http, "/queue"), "GET /queue while running");
        Recorded.AssertShape(trace.First(r => r.Path == "/prompt" && r.Method == "GET").Json, await Comfy.GetJsonAsync(http, "/prompt"), "GET /prompt");
        sim.ReleaseSampling();
        await a.WaitForDoneAsync(promptId, markA);
        await b.WaitForAsync(r => r.Is("status") && (int)r.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0, markB);

        Recorded.AssertSequence("02_txt2img", "A#4", a.Since(markA));
        Recorded.AssertSequence("02_txt2img", "B#1", b.Since(markB));
        Recorded.AssertShapes(a.Since(markA));
        Assert.Equal(8, a.Since(markA).Count(r => r.Is("progress")));
        Assert.Equal(8, a.Since(markA).Count(r => r.BinaryEvent == 1));

        var history = await Comfy.GetJsonAsync(http, $"/history/{promptId}");
        Recorded.AssertShape(trace.First(r => r.Path?.StartsWith("/history/", StringComparison.Ordinal) == true).Json, history, "GET /history/{id}");
        var entry = history![promptId]!;
        Assert.Equal(["10", "9"], entry["prompt"]![4]!.AsArray().Select(n => n!.ToString()));
        Assert.Equal("trace_txt2img_00001_.png", entry["outputs"]!["9"]!["images"]![0]!["filename"]!.ToString());
    }

    [Fact]
    public async Task Txt2Img_ForMetadataClient_SendsType4PreviewsOnly()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var b = await SimSocket.ConnectAsync(sim, "B", metadata: true);
        var mark = b.Count;
        var promptId = await Comfy.QueueAsync(http, Comfy.Workflow("txt2img"), "B");
        await b.WaitForDoneAsync(promptId, mark);

        var frames = b.Since(mark);
        Assert.Equal(8, frames.Count(f => f.BinaryEvent == 4));
        Assert.DoesNotContain(frames, f => f.BinaryEvent == 1);
        Recorded.AssertShapes(frames);
        var metadata = frames.First(f => f.BinaryEvent == 4).Metadata!;
        Assert.Equal(promptId, metadata["prompt_id"]!.ToString());
        Assert.Equal("3", metadata["node_id"]!.ToString());
        Assert.Equal("image/jpeg", metadata["image_type"]!.ToString());
    }

    [Fact]
    public async Task Images_SameInputs_SameBytes_AndSizedFromLatent()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        await using var a = await SimSocket.ConnectAsync(sim, "A");
        var workflow = Comfy.Workflow("txt2img");
        workflow["5"]!["inputs"]!["width"] = 320;
        workflow["5"]!["inputs"]!["height"] = 192;
        var first = await Comfy.QueueAsync(http, workflow, "A");
        await a.WaitForDoneAsync(first);

        // Another simulator renders the same workflow: the pictures must be identical.
        await using var other = await Comfy.StartAsync();
        using var otherHttp = Comfy.Http(other);
        await using var otherSocket = await SimSocket.ConnectAsync(other, "A");
        var second = await Comfy.QueueAsync(otherHttp, workflow, "A");
        await otherSocket.WaitForDoneAsync(second);

        var url = "/view?filename=trace_txt2img_00001_.png&type=output";
        var one = await http.GetByteArrayAsync(url);
        var two = await otherHttp.GetByteArrayAsync(url);
        Assert.Equal(one, two);
        using var bitmap = SkiaSharp.SKBitmap.Decode(one);
        Assert.Equal((320, 192), (bitmap.Width, bitmap.Height));
        var secondImage = await http.GetByteArrayAsync("/view?filename=trace_txt2img_00002_.png&type=output");
        Assert.NotEqual(one, secondImage);
    }
}
