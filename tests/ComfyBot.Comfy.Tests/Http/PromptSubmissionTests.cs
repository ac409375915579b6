using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.Comfy.Http;
using ComfyBot.Testing;
using ComfyBot.Testing.Traces;

namespace ComfyBot.Comfy.Tests.Http;

public sealed class PromptSubmissionTests
{
    private static JsonObject Workflow() => JsonNode.Parse(RepositoryFixtures.ReadText("comfy", "workflows", "txt2img.json"))!.AsObject();

    private static HttpResponseMessage EmptyQueue() => ScriptedHttpHandler.Json("""{"queue_running":[],"queue_pending":[]}""");

    public static TheoryData<long> RecordedRejections() =>
        [.. TraceReader.Read("07_validation").Where(r => r.Kind == "http" && r.Status == 400).Select(r => r.Seq)];

    [Theory]
    [MemberData(nameof(RecordedRejections))]
    public async Task Submit_Recorded400_BecomesValidationExceptionListingEveryNodeError(long seq)
    {
        var record = TraceReader.Read("07_validation").Single(r => r.Seq == seq);
        var handler = new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json(record.JsonBytes(), HttpStatusCode.BadRequest));
        var client = ClientFactory.Create(handler);

        var ex = await Assert.ThrowsAsync<PromptValidationException>(() => client.SubmitPromptAsync(new PromptRequest(Workflow())));

        using var document = JsonDocument.Parse(record.JsonBytes());
        var body = document.RootElement;
        Assert.Equal(body.GetProperty("error").GetProperty("type").GetString(), ex.ErrorType);
        var expectedErrors = body.GetProperty("node_errors").EnumerateObject().Sum(n => n.Value.GetProperty("errors").GetArrayLength());
        Assert.Equal(expectedErrors, ex.NodeErrors.Count);
        foreach (var node in body.GetProperty("node_errors").EnumerateObject())
        {
            Assert.Contains(ex.NodeErrors, e => e.NodeId == node.Name && e.ClassType == node.Value.GetProperty("class_type").GetString());
        }

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Submit_400WithStringErrorAndArrayNodeErrors_IsReadAsOldServerShape()
    {
        var handler = new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json("""{"error":"no prompt","node_errors":[]}""", HttpStatusCode.BadRequest));
        var ex = await Assert.ThrowsAsync<PromptValidationException>(() => ClientFactory.Create(handler).SubmitPromptAsync(new PromptRequest(Workflow())));
        Assert.Equal(("error", "no prompt"), (ex.ErrorType, ex.ErrorMessage));
        Assert.Empty(ex.NodeErrors);
    }

    [Fact]
    public async Task Submit_400_NodeErrorNamesTitleClassAndInput()
    {
        var prompt = Workflow();
        prompt["3"]!["_meta"] = new JsonObject { ["title"] = "Main sampler" };
        var body = RepositoryFixtures.ReadText("comfy", "samples", "http_post_prompt_response_400_value_errors.json");
        var handler = new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json(body, HttpStatusCode.BadRequest));

        var ex = await Assert.ThrowsAsync<PromptValidationException>(() => ClientFactory.Create(handler).SubmitPromptAsync(new PromptRequest(prompt) { PromptId = "p-1" }));

        var error = Assert.Single(ex.NodeErrors, e => e.NodeId == "3" && e.InputName == "steps");
        Assert.Equal(("Main sampler", "KSampler"), (error.Title, error.ClassType));
        Assert.StartsWith("node 3 \"Main sampler\" (KSampler), input 'steps': ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("ComfyUI rejected prompt p-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(error.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_200WithPartialNodeErrors_IsAcceptedWithThoseErrors()
    {
        var body = RepositoryFixtures.ReadText("comfy", "samples", "http_post_prompt_response_200_partial_node_errors.json");
        var accepted = await ClientFactory.Create(new ScriptedHttpHandler(_ => ScriptedHttpHandler.Json(body))).SubmitPromptAsync(new PromptRequest(Workflow()));
        var error = Assert.Single(accepted.NodeErrors);
        Assert.Equal(("12", "SaveImage", "images"), (error.NodeId, error.ClassType, error.InputName));
        Assert.Equal(8, accepted.Number);
        Assert.False(accepted.Recovered);
    }

    [Fact]
    public async Task Submit_SendsClientGeneratedIdAndOptions()
    {
        var handler = new ScriptedHttpHandler(r => ScriptedHttpHandler.Json("""{"prompt_id":"fixed","number":-3,"node_errors":{}}"""));
        var request = new PromptRequest(Workflow()) { PromptId = "fixed", ClientId = "bot-1", Front = true, ExtraData = new JsonObject { ["preview_method"] = "auto" } };

        var accepted = await ClientFactory.Create(handler).SubmitPromptAsync(request);

        using var sent = JsonDocument.Parse(handler.Requests.Single().Body);
        Assert.Equal("fixed", sent.RootElement.GetProperty("prompt_id").GetString());
        Assert.Equal("bot-1", sent.RootElement.GetProperty("client_id").GetString());
        Assert.True(sent.RootElement.GetProperty("front").GetBoolean());
        Assert.Equal("auto", sent.RootElement.GetProperty("extra_data").GetProperty("preview_method").GetString());
        Assert.Equal("KSampler", sent.RootElement.GetProperty("prompt").GetProperty("3").GetProperty("class_type").GetString());
        Assert.Equal(-3, accepted.Number);
    }

    [Fact]
    public void PromptRequest_DefaultId_IsFreshPerRequest() =>
        Assert.NotEqual(new PromptRequest(Workflow()).PromptId, new PromptRequest(Workflow()).PromptId);

    [Fact]
    public async Task Submit_TransportFailureAfterServerAccepted_IsResolvedFromQueueNotResubmitted()
    {
        var request = new PromptRequest(Workflow()) { PromptId = "p-accepted" };
        var handler = new ScriptedHttpHandler(r => r.Path switch
        {
            // The server queued the prompt, then the connection died before the answer arrived.
            "/prompt" => throw new HttpRequestException("connection reset"),
            "/queue" => ScriptedHttpHandler.Json("""{"queue_running":[[4,"other",{},{},[]]],"queue_pending":[[5,"p-accepted",{},{"client_id":"A"},["9"]]]}"""),
            _ => throw new InvalidOperationException($"unexpected {r}"),
        });

        var accepted = await ClientFactory.Create(handler).SubmitPromptAsync(request);

        Assert.True(accepted.Recovered);
        Assert.Equal(("p-accepted", 5.0), (accepted.PromptId, accepted.Number));
        Assert.Equal(["POST /prompt", "GET /queue"], handler.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task Submit_TransportFailureAndPromptAlreadyFinished_IsResolvedFromHistory()
    {
        var history = TraceReader.Read("02_txt2img").First(r => r.Path?.StartsWith("/history/", StringComparison.Ordinal) == true);
        var id = history.Path!["/history/".Length..];
        var handler = new ScriptedHttpHandler(r => r.Path switch
        {
            "/prompt" => throw new TaskCanceledException("timeout", new TimeoutException()),
            "/queue" => EmptyQueue(),
            _ when r.Path == $"/history/{id}" => ScriptedHttpHandler.Json(history.JsonBytes()),
            _ => throw new InvalidOperationException($"unexpected {r}"),
        });

        var accepted = await ClientFactory.Create(handler).SubmitPromptAsync(new PromptRequest(Workflow()) { PromptId = id });

        Assert.True(accepted.Recovered);
        Assert.Equal(40, accepted.Number);
        Assert.Equal(1, handler.Requests.Count(r => r.Path == "/prompt"));
    }

    [Fact]
    public async Task Submit_TransportFailureBeforeServerSawIt_IsResubmittedAfterChecking()
    {
        var posts = 0;
        var handler = new ScriptedHttpHandler(r => r.Path switch
        {
            "/prompt" => ++posts == 1
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "refused")
                : ScriptedHttpHandler.Json("""{"prompt_id":"p-2","number":9,"node_errors":{}}"""),
            "/queue" => EmptyQueue(),
            "/history/p-2" => ScriptedHttpHandler.Json("{}"),
            _ => throw new InvalidOperationException($"unexpected {r}"),
        });

        var accepted = await ClientFactory.Create(handler).SubmitPromptAsync(new PromptRequest(Workflow()) { PromptId = "p-2" });

        Assert.False(accepted.Recovered);
        Assert.Equal(["POST /prompt", "GET /queue", "GET /history/p-2", "POST /prompt"], handler.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task Submit_RetriedAfterATransportFailure_SaysSoInTheLog()
    {
        var posts = 0;
        var handler = new ScriptedHttpHandler(r => r.Path switch
        {
            "/prompt" => ++posts == 1
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "refused")
                : ScriptedHttpHandler.Json("""{"prompt_id":"p-3","number":9,"node_errors":{}}"""),
            "/queue" => EmptyQueue(),
            "/history/p-3" => ScriptedHttpHandler.Json("{}"),
            _ => throw new InvalidOperationException($"unexpected {r}"),
        });
        var logger = new CapturingLogger<ComfyClient>();

        await ClientFactory.Create(handler, logger: logger).SubmitPromptAsync(new PromptRequest(Workflow()) { PromptId = "p-3" });

        var retry = Assert.Single(logger.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains("POST /prompt failed on attempt 1 of 4 (refused)", retry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Recorded500_IsRetriedOnlyAfterChecking_ThenSurfacesTheStatus()
    {
        var record = TraceReader.Read("07_validation").First(r => r.Status == 500);
        var handler = new ScriptedHttpHandler(r => r.Path switch
        {
            "/prompt" => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent(record.Line["text"]?.GetValue<string>() ?? "500") },
            "/queue" => EmptyQueue(),
            _ => ScriptedHttpHandler.Json("{}"),
        });

        var ex = await Assert.ThrowsAsync<ComfyHttpException>(() => ClientFactory.Create(handler, maxRetries: 2).SubmitPromptAsync(new PromptRequest(Workflow()) { PromptId = "p-3" }));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal(3, handler.Requests.Count(r => r.Path == "/prompt"));
        Assert.Equal(2, handler.Requests.Count(r => r.Path == "/queue"));
    }

    [Fact]
    public async Task Submit_EveryAttemptFailsInTransit_SaysTheOutcomeIsUnknownAndNamesTheId()
    {
        var handler = new ScriptedHttpHandler(_ => throw new HttpRequestException("down"));
        var ex = await Assert.ThrowsAsync<ComfyUnavailableException>(() => ClientFactory.Create(handler, maxRetries: 1).SubmitPromptAsync(new PromptRequest(Workflow()) { PromptId = "p-4" }));
        Assert.Contains("p-4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("may or may not be queued", ex.Message, StringComparison.Ordinal);
    }
}
