using ComfyBot.Simulator.Tests.Support;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>02_txt2img's /view requests (variants and errors) against one simulator that ran txt2img once.</summary>
public sealed class ViewScenarioTests(ViewScenarioTests.Txt2ImgOutputs fixture) : IClassFixture<ViewScenarioTests.Txt2ImgOutputs>
{
    [Theory]
    [InlineData("/view?filename=trace_txt2img_00001_.png&subfolder=&type=output", 200, "image/png")]
    [InlineData("/api/view?filename=trace_txt2img_00001_.png&subfolder=&type=output", 200, "image/png")]
    [InlineData("/view?filename=trace_txt2img_00001_.png&subfolder=&type=output&preview=webp%3B90", 200, "image/webp")]
    [InlineData("/view?filename=trace_txt2img_00001_.png&subfolder=&type=output&preview=jpeg%3B50", 200, "image/jpeg")]
    [InlineData("/view?filename=trace_txt2img_00001_.png&subfolder=&type=output&channel=rgb", 200, "image/png")]
    [InlineData("/view?filename=trace_txt2img_00001_.png&subfolder=&type=output&channel=a", 200, "image/png")]
    [InlineData("/view?filename=trace_txt2img_00001_.png [output]", 200, "image/png")]
    [InlineData("/view?filename=no_such_file.png&subfolder=&type=output", 404, null)]
    [InlineData("/view?filename=..%2Fsecret.png&subfolder=&type=output", 400, null)]
    [InlineData("/view?filename=trace_txt2img_00001_.png&subfolder=&type=bogus", 400, null)]
    [InlineData("/view?filename=trace_txt2img_00001_.png&subfolder=..%2F..&type=output", 403, null)]
    [InlineData("/view?subfolder=&type=output", 404, null)]
    public async Task View_Variants_AnswerAsRecorded(string path, int status, string? contentType)
    {
        using var response = await fixture.Http.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        if (contentType is not null)
        {
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(bytes.Length > 100);
        }
    }

    /// <summary>A simulator with the recorded txt2img's outputs on disk.</summary>
    public sealed class Txt2ImgOutputs : IAsyncLifetime
    {
        private ComfySimulator? _sim;

        public HttpClient Http { get; private set; } = new();

        public async Task InitializeAsync()
        {
            _sim = await Comfy.StartAsync();
            Http = Comfy.Http(_sim);
            await using var a = await SimSocket.ConnectAsync(_sim, "A");
            var promptId = await Comfy.QueueAsync(Http, Comfy.Workflow("txt2img"), "A");
            await a.WaitForDoneAsync(promptId);
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            if (_sim is not null)
            {
                await _sim.DisposeAsync();
            }
        }
    }
}
