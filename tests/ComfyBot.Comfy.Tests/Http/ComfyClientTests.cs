using System.Net;
using System.Text.Json;
using ComfyBot.Comfy.Http;
using ComfyBot.Testing;
using ComfyBot.Testing.Traces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Comfy.Tests.Http;

public sealed class ComfyClientTests
{
    private static TraceRecord History(string scenario, int index = 0) =>
        TraceReader.Read(scenario).Where(r => r.Path?.StartsWith("/history/", StringComparison.Ordinal) == true && r.Json is System.Text.Json.Nodes.JsonObject { Count: > 0 }).ElementAt(index);

    [Fact]
    public async Task GetQueue_Sample_SortsPendingByNumberThenId()
    {
        var body = RepositoryFixtures.ReadText("comfy", "samples", "http_get_queue_response.json");
        var queue = await ClientFactory.Create(new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json(body))).GetQueueAsync();

        Assert.Single(queue.Running);
        var numbers = queue.Pending.Select(p => p.Number).ToList();
        Assert.Equal(numbers.Order().ToList(), numbers);
        var last = queue.Pending[^1].PromptId;
        Assert.Equal(queue.Pending.Count, queue.PendingPosition(last));
        Assert.Equal(queue.Pending.Count, queue.Ahead(last));
    }

    [Fact]
    public void QueueSnapshot_EqualNumbers_BreakTiesById()
    {
        var queue = new QueueSnapshot([], [new QueueItem(3, "b", null), new QueueItem(-1, "z", null), new QueueItem(3, "a", null)]);
        Assert.Equal(["z", "a", "b"], queue.Pending.Select(p => p.PromptId));
        Assert.Equal(1, queue.Ahead("a"));
        Assert.Null(queue.PendingPosition("missing"));
    }

    [Fact]
    public async Task GetHistory_RecordedSuccess_ListsEveryOutputFile()
    {
        var record = History("02_txt2img");
        var id = record.Path!["/history/".Length..];
        var entry = await ClientFactory.Create(new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json(record.JsonBytes()))).GetHistoryAsync(id);

        Assert.NotNull(entry);
        Assert.True(entry.IsSuccess);
        Assert.Equal(4, entry.Outputs.Count);
        Assert.Contains(entry.Outputs, o => o is { NodeId: "9", Kind: "images", File: { Filename: "trace_txt2img_00002_.png", Type: "output" } });
    }

    [Fact]
    public async Task GetHistory_RecordedInterrupt_CarriesTheInterruption()
    {
        var record = History("06_interrupt");
        var entry = await ClientFactory.Create(new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json(record.JsonBytes()))).GetHistoryAsync(record.Path!["/history/".Length..]);
        Assert.False(entry!.IsSuccess);
        Assert.Equal(("1", "TraceSleep"), (entry.Interruption!.NodeId, entry.Interruption.NodeType));
        Assert.Null(entry.Error);
    }

    [Fact]
    public async Task GetHistory_RecordedError_CarriesTheError()
    {
        var record = History("08_runtime_error", 1);
        var entry = await ClientFactory.Create(new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json(record.JsonBytes()))).GetHistoryAsync(record.Path!["/history/".Length..]);
        Assert.Equal("TraceFail", entry!.Error!.NodeType);
        Assert.Equal("RuntimeError", entry.Error.ExceptionType);
    }

    [Fact]
    public async Task GetHistory_Empty_IsNull()
    {
        var entry = await ClientFactory.Create(new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json("{}"))).GetHistoryAsync("nope");
        Assert.Null(entry);
    }

    [Fact]
    public async Task GetHistory_Paged_SendsMaxItemsAndOffset()
    {
        var handler = new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json(RepositoryFixtures.ReadText("comfy", "samples", "http_get_history_list_response.json")));
        var entries = await ClientFactory.Create(handler).GetHistoryAsync(maxItems: 2, offset: 1);
        Assert.Equal("/history?max_items=2&offset=1", handler.Requests.Single().PathAndQuery);
        Assert.NotEmpty(entries);
    }

    [Fact]
    public async Task Get_ServerError_IsRetried()
    {
        var calls = 0;
        var handler = new ScriptedHttpHandler(_ => ++calls < 3 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : ScriptedHttpHandler.Json("""{"exec_info":{"queue_remaining":4}}"""));
        Assert.Equal(4, await ClientFactory.Create(handler).GetQueueRemainingAsync());
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Get_ServerError_EachRetryIsLogged_WithTheEndpointAttemptAndError()
    {
        // A retried request was silent: a job whose history read took three tries only looked slow.
        var calls = 0;
        var handler = new ScriptedHttpHandler(_ => ++calls < 3 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : ScriptedHttpHandler.Json("""{"exec_info":{"queue_remaining":4}}"""));
        var logger = new CapturingLogger<ComfyClient>();
        Assert.Equal(4, await ClientFactory.Create(handler, logger: logger).GetQueueRemainingAsync());

        var retries = logger.Lines.Where(l => l.Level == LogLevel.Warning).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Contains("GET /prompt failed on attempt 1 of 4", retries[0].Text, StringComparison.Ordinal);
        Assert.Contains("GET /prompt failed on attempt 2 of 4", retries[1].Text, StringComparison.Ordinal);
        Assert.All(retries, r => Assert.Contains("503", r.Text, StringComparison.Ordinal));
        Assert.All(retries, r => Assert.Contains("trying again", r.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_ClientError_IsNeverRetried()
    {
        var handler = new ScriptedHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("no such folder") });
        var ex = await Assert.ThrowsAsync<ComfyHttpException>(() => ClientFactory.Create(handler).GetModelsAsync("unet"));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("GET /models/unet", ex.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Get_ConnectionFailsEveryTime_ThrowsUnavailableAfterAllAttempts()
    {
        var handler = new ScriptedHttpHandler(_ => throw new HttpRequestException("refused"));
        var ex = await Assert.ThrowsAsync<ComfyUnavailableException>(() => ClientFactory.Create(handler, maxRetries: 2).GetQueueAsync());
        Assert.Equal(3, handler.Requests.Count);
        Assert.Contains("GET /queue", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupt_Global_IsNotRetriedAfterTheServerSawIt()
    {
        var handler = new ScriptedHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.BadGateway));
        await Assert.ThrowsAsync<ComfyHttpException>(() => ClientFactory.Create(handler).InterruptAsync());
        var request = Assert.Single(handler.Requests);
        Assert.Equal("{}", request.Body);
    }

    [Fact]
    public async Task Interrupt_PerPrompt_SendsIdAndRetries()
    {
        var calls = 0;
        var handler = new ScriptedHttpHandler(_ => ++calls == 1 ? new HttpResponseMessage(HttpStatusCode.BadGateway) : new HttpResponseMessage(HttpStatusCode.OK));
        await ClientFactory.Create(handler).InterruptAsync("p-9");
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("""{"prompt_id":"p-9"}""", handler.Requests[0].Body);
    }

    [Fact]
    public async Task QueueEdits_SendDeleteAndClearBodies()
    {
        var handler = new ScriptedHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var client = ClientFactory.Create(handler);
        await client.DeleteFromQueueAsync(["a", "b"]);
        await client.ClearQueueAsync();
        Assert.Equal(["""{"delete":["a","b"]}""", """{"clear":true}"""], handler.Requests.Select(r => r.Body));
        Assert.All(handler.Requests, r => Assert.Equal("/queue", r.Path));
        await Assert.ThrowsAsync<ArgumentException>(() => client.DeleteFromQueueAsync([]));
    }

    [Fact]
    public async Task OpenFile_StreamsTheBytesFromView()
    {
        var png = File.ReadAllBytes(RepositoryFixtures.FixturePath("comfy", "traces", "files", "view_txt2img_output.png"));
        var handler = new ScriptedHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(png) });
        using var copy = new MemoryStream();

        await ClientFactory.Create(handler).DownloadFileAsync(new ComfyFile("a b.png", "sub/dir", "output"), copy);

        Assert.Equal(png, copy.ToArray());
        Assert.Equal("/view?filename=a%20b.png&subfolder=sub%2Fdir&type=output", handler.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task OpenFile_Missing_Is404Error()
    {
        var handler = new ScriptedHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        var ex = await Assert.ThrowsAsync<ComfyHttpException>(() => ClientFactory.Create(handler).OpenFileAsync(new ComfyFile("no_such_file.png", "", "output")));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task UploadImage_SendsMultipartFieldsAndReadsTheStoredName()
    {
        var handler = new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json("""{"name":"fox (1).png","subfolder":"refs","type":"input"}"""));
        using var image = new MemoryStream([1, 2, 3]);

        var stored = await ClientFactory.Create(handler).UploadImageAsync(image, "fox.png", subfolder: "refs", overwrite: true);

        Assert.Equal(new ComfyFile("fox (1).png", "refs", "input"), stored);
        var request = handler.Requests.Single();
        Assert.Equal("multipart/form-data", request.ContentType);
        Assert.Contains("name=image; filename=fox.png", request.Body, StringComparison.Ordinal);
        Assert.Contains("name=subfolder", request.Body, StringComparison.Ordinal);
        Assert.Contains("name=overwrite", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadImage_BadType_IsRefusedBeforeSending()
    {
        var handler = new ScriptedHttpHandler(_ => throw new InvalidOperationException("must not be called"));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ClientFactory.Create(handler).UploadImageAsync(new MemoryStream([1]), "x.png", type: "models"));
        Assert.Contains("use input, temp or output", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_SystemStatsFeaturesAndModels_AreTyped()
    {
        var handler = new ScriptedHttpHandler(r => r.Path switch
        {
            "/system_stats" => ScriptedHttpHandler.Json(RepositoryFixtures.ReadText("comfy", "samples", "http_get_system_stats_response.json")),
            "/features" => ScriptedHttpHandler.Json(RepositoryFixtures.ReadText("comfy", "samples", "http_get_features_response.json")),
            "/models/checkpoints" => ScriptedHttpHandler.Json(RepositoryFixtures.ReadText("comfy", "samples", "http_get_models_checkpoints_response.json")),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });
        var client = ClientFactory.Create(handler);

        var stats = await client.GetSystemStatsAsync();
        var features = await client.GetFeaturesAsync();
        var models = await client.GetModelsAsync("checkpoints");

        Assert.NotNull(stats.System.ComfyUIVersion);
        Assert.Single(stats.Devices);
        Assert.True(stats.Devices[0].VramTotal > 0);
        Assert.Equal(new ServerFeatures(true, 104857600), features);
        Assert.NotEmpty(models);
    }

    [Fact]
    public void Constructor_WithoutBaseAddress_SaysHowToFixIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ComfyClient(new HttpClient(), new ComfyClientOptions(), TimeProvider.System, NullLogger<ComfyClient>.Instance));
        Assert.Contains("BaseAddress", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OutOfRange_NameEveryKeyAndItsFix()
    {
        var options = new ComfyClientOptions { RequestTimeout = TimeSpan.Zero, MaxRetries = -1 };
        var errors = options.Validate("ComfyBot:Backends:0:Http");
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("ComfyBot:Backends:0:Http:RequestTimeout is 00:00:00", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("ComfyBot:Backends:0:Http:MaxRetries is -1", errors[1], StringComparison.Ordinal);
        Assert.All(errors, e => Assert.Contains("e.g.", e, StringComparison.Ordinal));
    }
}
