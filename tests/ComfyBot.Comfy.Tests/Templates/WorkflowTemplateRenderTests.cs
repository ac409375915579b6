using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.Comfy.Templates;

namespace ComfyBot.Comfy.Tests.Templates;

public sealed class WorkflowTemplateRenderTests
{
    private static JsonNode Input(RenderedWorkflow rendered, string node, string input) => rendered.ToJsonObject()[node]!["inputs"]![input]!;

    [Fact]
    public async Task Render_SetsEveryBoundInput_AndKeepsTheRest()
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");

        var rendered = template.Render(new WorkflowParameters
        {
            Prompt = "a cat", Negative = "dogs", Seed = 5, Width = 640, Height = 384, Batch = 2, Steps = 12, Cfg = 4.5,
            Sampler = "dpmpp_2m", Scheduler = "karras", Checkpoint = "other.safetensors", Denoise = 0.75,
        });

        var prompt = rendered.ToJsonObject();
        Assert.Equal("a cat", prompt["6"]!["inputs"]!["text"]!.GetValue<string>());
        Assert.Equal("dogs", prompt["7"]!["inputs"]!["text"]!.GetValue<string>());
        Assert.Equal(5UL, prompt["3"]!["inputs"]!["seed"]!.GetValue<ulong>());
        Assert.Equal(640, prompt["5"]!["inputs"]!["width"]!.GetValue<int>());
        Assert.Equal(384, prompt["5"]!["inputs"]!["height"]!.GetValue<int>());
        Assert.Equal(2, prompt["5"]!["inputs"]!["batch_size"]!.GetValue<int>());
        Assert.Equal(12, prompt["3"]!["inputs"]!["steps"]!.GetValue<int>());
        Assert.Equal(4.5, prompt["3"]!["inputs"]!["cfg"]!.GetValue<double>());
        Assert.Equal("dpmpp_2m", prompt["3"]!["inputs"]!["sampler_name"]!.GetValue<string>());
        Assert.Equal("karras", prompt["3"]!["inputs"]!["scheduler"]!.GetValue<string>());
        Assert.Equal("other.safetensors", prompt["4"]!["inputs"]!["ckpt_name"]!.GetValue<string>());
        Assert.Equal(0.75, prompt["3"]!["inputs"]!["denoise"]!.GetValue<double>());
        Assert.Equal("comfybot_sd15", prompt["9"]!["inputs"]!["filename_prefix"]!.GetValue<string>());
        Assert.Equal("Load Checkpoint", prompt["4"]!["_meta"]!["title"]!.GetValue<string>());
        Assert.Equal(5UL, rendered.Seed);
    }

    [Fact]
    public async Task Render_Twice_LeavesTheTemplateUnchanged()
    {
        var template = await TestTemplates.Ours("placeholders.json");
        var before = template.ToJsonObject().ToJsonString();

        var first = template.Render(new WorkflowParameters { Prompt = "one", Negative = "n", Width = 512, Height = 512, Steps = 10, Seed = 1 });
        var second = template.Render(new WorkflowParameters { Prompt = "two", Negative = "m", Width = 256, Height = 256, Steps = 20, Seed = 2 });

        Assert.Equal(before, template.ToJsonObject().ToJsonString());
        Assert.Equal("one", Input(first, "6", "text").GetValue<string>());
        Assert.Equal("two", Input(second, "6", "text").GetValue<string>());
        Assert.Contains("{{prompt}}", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_UnsetParameters_KeepTheTemplatesValuesByteForByte()
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");
        var original = template.ToJsonObject();

        var rendered = template.Render(new WorkflowParameters { Seed = 42 }).ToJsonObject();

        Assert.True(JsonNode.DeepEquals(original, rendered));
    }

    [Fact]
    public async Task Render_Placeholders_BecomeNumbersNotStrings()
    {
        var template = await TestTemplates.Ours("placeholders.json");

        var rendered = template.Render(new WorkflowParameters { Prompt = "p", Negative = "n", Width = 768, Height = 512, Steps = 30, Seed = 9 });

        Assert.Equal(JsonValueKind.Number, Input(rendered, "3", "seed").GetValueKind());
        Assert.Equal(JsonValueKind.Number, Input(rendered, "3", "steps").GetValueKind());
        Assert.Equal(JsonValueKind.Number, Input(rendered, "5", "width").GetValueKind());
        Assert.Equal(30, Input(rendered, "3", "steps").GetValue<int>());
        Assert.Contains("\"steps\":30", System.Text.Encoding.UTF8.GetString(rendered.Utf8Json.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_RequiredPlaceholderMissing_SaysWhichAndWhere()
    {
        var template = await TestTemplates.Ours("placeholders.json");

        var error = Assert.Throws<ArgumentException>(() => template.Render(new WorkflowParameters { Prompt = "p", Width = 1, Height = 1, Steps = 1 }));

        Assert.Contains("needs 'negative': 7.inputs.text holds only the placeholder {{negative}}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quote \" and backslash \\ and \\\" together")]
    [InlineData("line one\nline two\r\n\ttabbed")]
    [InlineData("emoji 🐱‍👤 and 日本語 and zero-width\u200b")]
    [InlineData("\"}, \"9\": {\"class_type\": \"Evil\", \"inputs\": {}}, \"x\": {\"")]
    [InlineData("{{seed}}")]
    [InlineData("</script><!-- & 'single' -->")]
    [InlineData("control \u0001\u001f and null \0 char")]
    public async Task Render_NastyPrompts_RoundTripExactlyAndStayOneString(string prompt)
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");

        var rendered = template.Render(new WorkflowParameters { Prompt = prompt, Seed = 1 });

        var parsed = rendered.ToJsonObject();
        Assert.Equal(prompt, parsed["6"]!["inputs"]!["text"]!.GetValue<string>());
        Assert.Equal(template.NodeCount, parsed.Count);
        using var document = JsonDocument.Parse(rendered.Utf8Json);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }

    [Fact]
    public async Task Render_LoneSurrogate_StillProducesValidJson()
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");

        var rendered = template.Render(new WorkflowParameters { Prompt = "broken \ud800 half", Seed = 1 });

        using var document = JsonDocument.Parse(rendered.Utf8Json);
        Assert.StartsWith("broken ", document.RootElement.GetProperty("6").GetProperty("inputs").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(9007199254740993UL)]
    [InlineData(9223372036854775808UL)]
    [InlineData(18446744073709551615UL)]
    public async Task Render_Seed_IsWrittenExactlyIntoEverySeedInput(ulong seed)
    {
        var template = await TestTemplates.Ours("sdxl_base_refiner.json");

        var rendered = template.Render(new WorkflowParameters { Seed = seed });

        var text = System.Text.Encoding.UTF8.GetString(rendered.Utf8Json.Span);
        Assert.Contains($"\"noise_seed\":{seed}", text, StringComparison.Ordinal);
        Assert.Equal(seed, Input(rendered, "10", "noise_seed").GetValue<ulong>());
        Assert.Equal(seed, Input(rendered, "11", "noise_seed").GetValue<ulong>());
        Assert.Equal(seed, rendered.Seed);
    }

    [Fact]
    public async Task Render_NoSeed_DrawsOneFromTheInjectedRandom_BelowTwoToThe53()
    {
        var options = new WorkflowTemplateOptions { SeedRandom = new Random(1234) };
        var template = await TestTemplates.Ours("custom_sampler.json", options);
        var expected = new Random(1234);

        var rendered = template.Render(WorkflowParameters.None);

        Assert.Equal((ulong)expected.NextInt64((long)WorkflowTemplate.MaxRandomSeed + 1), rendered.Seed);
        Assert.Equal(rendered.Seed, Input(rendered, "10", "noise_seed").GetValue<ulong>());
        var seeds = Enumerable.Range(0, 64).Select(_ => template.Render(WorkflowParameters.None).Seed!.Value).ToList();
        Assert.All(seeds, s => Assert.True(s <= WorkflowTemplate.MaxRandomSeed, $"{s} is above 2^53 - 1"));
        Assert.Contains(seeds, s => s > uint.MaxValue);
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
    }

    [Fact]
    public async Task Render_TemplateWithoutSeed_ReportsNoSeed()
    {
        var template = await TestTemplates.Recorded("sleep.json");

        Assert.Null(template.Render(WorkflowParameters.None).Seed);
    }

    [Fact]
    public async Task Render_ParameterTheTemplateDoesNotBind_IsAPreciseError()
    {
        var template = await TestTemplates.Recorded("txt2img.json");

        var error = Assert.Throws<ArgumentException>(() => template.Render(new WorkflowParameters { Image = "x.png" }));

        Assert.Contains("Template 'txt2img.json' has no binding for 'image'", error.Message, StringComparison.Ordinal);
        Assert.Contains("it accepts: prompt, negative, seed", error.Message, StringComparison.Ordinal);
        Assert.Contains("{{image}}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task Render_NonFiniteNumber_IsRefused(double cfg)
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");

        var error = Assert.Throws<ArgumentException>(() => template.Render(new WorkflowParameters { Cfg = cfg }));

        Assert.Contains("'cfg' must be a finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Image_GoesIntoLoadImage()
    {
        var template = await TestTemplates.Ours("img2img.json");

        var rendered = template.Render(new WorkflowParameters { Image = "uploads/cat (1).png", Denoise = 0.4 });

        Assert.Equal("uploads/cat (1).png", Input(rendered, "1", "image").GetValue<string>());
        Assert.Equal(0.4, Input(rendered, "6", "denoise").GetValue<double>());
    }

    [Fact]
    public async Task Render_JsonObject_IsIndependentOfTheTemplate()
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");
        var rendered = template.Render(new WorkflowParameters { Seed = 1 }).ToJsonObject();

        rendered["6"]!["inputs"]!["text"] = "changed";

        Assert.Equal("a lighthouse at dusk, oil painting", template.Render(new WorkflowParameters { Seed = 1 }).ToJsonObject()["6"]!["inputs"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Render_ConcurrentCalls_EachGetTheirOwnValues()
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            (i, Input(template.Render(new WorkflowParameters { Prompt = $"prompt {i}", Seed = (ulong)i }), "6", "text").GetValue<string>()))));

        Assert.All(results, r => Assert.Equal($"prompt {r.i}", r.Item2));
    }

    [Fact]
    public async Task Render_Utf8Json_EmbedsAsTheRawPromptFieldOfAPostBody()
    {
        var template = await TestTemplates.Ours("sd15_txt2img.json");
        var rendered = template.Render(new WorkflowParameters { Prompt = "a cat", Seed = 3 });
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("prompt");
            writer.WriteRawValue(rendered.Utf8Json.Span);
            writer.WriteString("client_id", "A");
            writer.WriteEndObject();
        }

        var body = JsonNode.Parse(buffer.WrittenSpan)!;
        Assert.Equal("a cat", body["prompt"]!["6"]!["inputs"]!["text"]!.GetValue<string>());
        Assert.Equal("A", body["client_id"]!.GetValue<string>());
    }
}
