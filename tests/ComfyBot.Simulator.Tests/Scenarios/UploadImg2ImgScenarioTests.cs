using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ComfyBot.Simulator.Images;
using ComfyBot.Simulator.Tests.Support;
using ComfyBot.Testing.Traces;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>10_upload_img2img: upload variants (duplicate, rename, subfolder, temp, errors), then img2img from the upload.</summary>
public sealed class UploadImg2ImgScenarioTests
{
    [Fact]
    public async Task Uploads_ThenImg2Img_AnswerAsRecorded()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        var records = TraceReader.Read("10_upload_img2img").Where(r => r.Kind == "http").ToList();
        var uploads = records.Where(r => r.Path == "/upload/image").ToList();
        var first = ImageRenderer.RenderPng(256, 256, 1, 0);
        var other = ImageRenderer.RenderPng(256, 256, 2, 0);

        var bodies = new (byte[]? Image, string FileName, Dictionary<string, string> Fields)[]
        {
            (first, "trace_input.png", new() { ["type"] = "input", ["overwrite"] = "true" }),
            (first, "trace_input.png", new() { ["type"] = "input" }),
            (other, "trace_input.png", new() { ["type"] = "input" }),
            (first, "trace_input.png", new() { ["type"] = "input", ["subfolder"] = "trace_sub" }),
            (first, "trace_temp.png", new() { ["type"] = "temp" }),
            (null, "", new() { ["type"] = "input" }),
            (first, "../escape.png", new() { ["type"] = "input" }),
        };
        for (var i = 0; i < bodies.Length; i++)
        {
            var (status, json) = await UploadAsync(http, bodies[i].Image, bodies[i].FileName, bodies[i].Fields);
            Assert.Equal(uploads[i].Status, status);
            if (uploads[i].Json is not null)
            {
                Assert.True(JsonNode.DeepEquals(uploads[i].Json, json), $"upload {i}: {json?.ToJsonString()}");
            }
        }

        Assert.Equal(first, await http.GetByteArrayAsync("/view?filename=trace_input.png&type=input"));
        Assert.Equal(first, await http.GetByteArrayAsync("/view?filename=trace_input.png&subfolder=trace_sub&type=input"));
        var loadImage = await Comfy.GetJsonAsync(http, "/object_info/LoadImage");
        Assert.True(JsonNode.DeepEquals(records.First(r => r.Path == "/object_info/LoadImage").Json, loadImage));

        await using var a = await SimSocket.ConnectAsync(sim, "A");
        await using var b = await SimSocket.ConnectAsync(sim, "B", metadata: true);

        // The recording followed a txt2img with the same checkpoint and different prompts.
        var warmup = Comfy.Workflow("txt2img");
        warmup["6"]!["inputs"]!["text"] = "something else";
        warmup["7"]!["inputs"]!["text"] = "something other";
        var warmMark = b.Count;
        var warm = await Comfy.QueueAsync(http, warmup, "A");
        await a.WaitForDoneAsync(warm);
        await b.WaitForAsync(r => r.Is("status") && (int)r.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0, warmMark);
        int markA = a.Count, markB = b.Count;

        var img2img = await Comfy.QueueAsync(http, Comfy.Workflow("img2img"), "A");
        await a.WaitForDoneAsync(img2img, markA);
        var fromSubfolder = Comfy.Workflow("img2img");
        fromSubfolder["1"]!["inputs"]!["image"] = "trace_sub/trace_input.png";
        var second = await Comfy.QueueAsync(http, fromSubfolder, "A");
        await a.WaitForDoneAsync(second, markA);
        await b.WaitForAsync(r => r.Is("status") && (int)r.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0
            && b.Since(markB).Count(x => x.Is("status") && (int)x.Data!["status"]!["exec_info"]!["queue_remaining"]! == 0) >= 2, markB);

        Recorded.AssertSequence("10_upload_img2img", "A#4", a.Since(markA));
        Recorded.AssertSequence("10_upload_img2img", "B#1", b.Since(markB));
        Recorded.AssertShapes(a.Since(markA));
        var output = await http.GetByteArrayAsync("/view?filename=trace_img2img_00001_.png&type=output");
        Assert.Equal((256, 256), ImageRenderer.ReadSize(output));
    }

    [Fact]
    public async Task Img2Img_MissingUpload_FailsCustomValidation()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        var (status, body) = await Comfy.PostPromptAsync(http, Comfy.Workflow("img2img"), "A");
        Assert.Equal(400, status);
        var error = body["node_errors"]!["1"]!["errors"]![0]!;
        Assert.Equal("custom_validation_failed", error["type"]!.ToString());
        Assert.Equal("image - Invalid image file: trace_input.png", error["details"]!.ToString());
    }

    [Fact]
    public async Task Upload_UnknownType_IsAServerError()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        var (status, _) = await UploadAsync(http, ImageRenderer.RenderPng(16, 16, 1, 0), "x.png", new() { ["type"] = "bogus" });
        Assert.Equal(500, status);
    }

    private static async Task<(int Status, JsonNode? Json)> UploadAsync(HttpClient http, byte[]? image, string fileName, Dictionary<string, string> fields)
    {
        using var form = new MultipartFormDataContent();
        if (image is not null)
        {
            var file = new ByteArrayContent(image);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "image", fileName);
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        using var response = await http.PostAsync("/upload/image", form);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null);
    }
}
