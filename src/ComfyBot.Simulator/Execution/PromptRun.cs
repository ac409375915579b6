using System.Text.Json.Nodes;
using ComfyBot.Simulator.Queueing;
using ComfyBot.Simulator.Sockets;

namespace ComfyBot.Simulator.Execution;

/// <summary>
/// The state of one prompt's execution: node values, UI outputs, executed nodes and the status messages
/// that go into history, with the routing of each message by the prompt's client_id.
/// </summary>
internal sealed class PromptRun
{
    private readonly SimulatorRuntime _runtime;
    private readonly ServerState _state;
    private readonly QueuedPrompt _item;
    private readonly JsonArray _messages = [];
    private readonly JsonObject _uiOutputs = [];
    private readonly List<string> _executed = [];
    private readonly Dictionary<string, IReadOnlyList<NodeValue>> _values = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string> _keys = new Dictionary<string, string>();

    public PromptRun(SimulatorRuntime runtime, ServerState state, QueuedPrompt item)
    {
        _runtime = runtime;
        _state = state;
        _item = item;
    }

    private string? ClientId => _item.ClientId;

    private SocketHub Hub => _runtime.Hub;

    /// <summary>extra_data.preview_method "none" turns previews off for this prompt (ComfyUI 0.5+).</summary>
    public bool PreviewsDisabled => _item.ExtraData["preview_method"]?.ToString() == "none";

    /// <summary>
    /// The prompt's cache keys. A cached node that no output needs to visit is never completed in this run, yet a node
    /// that runs may read it: as in ComfyUI, its value then comes from the cache.
    /// </summary>
    public void UseCacheKeys(IReadOnlyDictionary<string, string> keys) => _keys = keys;

    /// <summary>ComfyUI's add_message: timestamped, kept for history, sent to the client (or everyone if broadcast).</summary>
    public void AddMessage(string type, JsonObject data, bool broadcast)
    {
        data["timestamp"] = _runtime.NowMilliseconds();
        _messages.Add(new JsonArray(type, data.DeepClone()));
        if (ClientId is not null || broadcast)
        {
            Hub.Send(type, data, ClientId);
        }
    }

    /// <summary>A cached output node: its cached UI as executed, then finished, with no executing.</summary>
    public void CompleteCached(string nodeId, CachedNode cached)
    {
        if (ClientId is not null)
        {
            Hub.Send("executed", Executed(nodeId, cached.Ui?.DeepClone()), ClientId);
        }

        if (cached.Ui is not null)
        {
            _uiOutputs[nodeId] = cached.Ui.DeepClone();
        }

        _values[nodeId] = cached.Outputs;
        Hub.Send("progress_state", _state.Progress.Finish(nodeId), ClientId);
    }

    /// <summary>Runs one node; returns false when the run stopped (error or interrupt) at this node.</summary>
    public async Task<bool> ExecuteNodeAsync(string nodeId, string key, NodeRunner runner)
    {
        var node = (JsonObject)_item.Prompt[nodeId]!;
        var classType = node["class_type"]!.ToString();
        var inputs = node["inputs"] as JsonObject ?? [];
        Hub.Send("progress_state", _state.Progress.Start(nodeId), ClientId);
        if (ClientId is not null)
        {
            Hub.Send("executing", new JsonObject { ["node"] = nodeId, ["display_node"] = nodeId, ["prompt_id"] = _item.PromptId }, ClientId);
        }

        var linked = LinkedValues(inputs);
        _runtime.Catalog.TryGet(classType, out var nodeClass);
        CachedNode result;
        try
        {
            _state.Interrupt.ThrowIfSet();
            var failNode = _runtime.FailNode;
            if (failNode is not null && (failNode == classType || failNode == nodeId))
            {
                throw new NodeFailedException("RuntimeError", $"simulator: planned failure in node {nodeId} ({classType})");
            }

            var run = new NodeRun(_item.PromptId, ClientId, nodeId, classType, inputs, linked, nodeClass?.OutputTypes ?? [],
                CacheKeys.Fingerprint(key), (step, total, jpeg) => ReportStep(nodeId, step, total, jpeg))
            {
                ReportImageAsync = (step, total, png) => ReportImage(nodeId, step, total, png),
            };
            try
            {
                result = await runner.RunAsync(run);
            }
            catch (Exception ex) when (ex is not (ExecutionInterruptedException or NodeFailedException or OperationCanceledException))
            {
                // Whatever the simulator cannot do ends the prompt as a failing node does in ComfyUI: an execution_error
                // naming the node, a history entry, the end of the run. Never a prompt that silently vanishes.
                throw new NodeFailedException("RuntimeError", $"simulator: cannot execute node {nodeId} ({classType}): {ex.GetType().Name}: {ex.Message}");
            }
        }
        catch (ExecutionInterruptedException)
        {
            AddMessage("execution_interrupted", new JsonObject
            {
                ["prompt_id"] = _item.PromptId,
                ["node_id"] = nodeId,
                ["node_type"] = classType,
                ["executed"] = ExecutedList(),
            }, broadcast: true);
            return false;
        }
        catch (NodeFailedException ex)
        {
            AddMessage("execution_error", ErrorData(nodeId, classType, inputs, linked, ex), broadcast: false);
            return false;
        }

        if (result.Ui is not null)
        {
            if (ClientId is not null)
            {
                Hub.Send("executed", Executed(nodeId, result.Ui.DeepClone()), ClientId);
            }

            _uiOutputs[nodeId] = result.Ui.DeepClone();
        }

        _state.Cache.Store(key, result);
        _values[nodeId] = result.Outputs;
        Hub.Send("progress_state", _state.Progress.Finish(nodeId), ClientId);
        _executed.Add(nodeId);
        return true;
    }

    public JsonObject HistoryEntry(bool success)
    {
        var meta = new JsonObject();
        foreach (var (nodeId, _) in _uiOutputs)
        {
            meta[nodeId] = new JsonObject { ["node_id"] = nodeId, ["display_node"] = nodeId, ["parent_node"] = null, ["real_node_id"] = nodeId };
        }

        return new JsonObject
        {
            ["prompt"] = _item.ToTuple(),
            ["outputs"] = _uiOutputs.DeepClone(),
            ["status"] = new JsonObject { ["status_str"] = success ? "success" : "error", ["completed"] = success, ["messages"] = _messages.DeepClone() },
            ["meta"] = meta,
        };
    }

    /// <summary>One step: progress_state, [type 4 preview], progress, [type 1 preview], as recorded.</summary>
    private Task ReportStep(string nodeId, int step, int total, byte[]? jpeg)
    {
        Hub.Send("progress_state", _state.Progress.Update(nodeId, step, total), ClientId);
        var metadataClient = ClientId is not null && Hub.SupportsPreviewMetadata(ClientId);
        if (jpeg is not null)
        {
            _runtime.Previewed.Enqueue(new SentPreview(_item.PromptId, nodeId, step, total, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(jpeg))));
        }

        if (jpeg is not null && metadataClient)
        {
            Hub.Send(PreviewFrames.WithMetadata(jpeg, _item.PromptId, nodeId, "image/jpeg"), ClientId);
        }

        Hub.Send("progress", new JsonObject { ["value"] = step, ["max"] = total, ["prompt_id"] = _item.PromptId, ["node"] = nodeId }, ClientId);
        if (_runtime.RecordProgress)
        {
            _runtime.Progressed.Enqueue(new SentProgress(_item.PromptId, nodeId, step, total, _runtime.TimeProvider.GetUtcNow()));
        }

        if (jpeg is not null && !metadataClient)
        {
            Hub.Send(PreviewFrames.Legacy(jpeg, PreviewFrames.JpegFormat), ClientId);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A progress report that carries a PNG (SaveImageWebsocket), routed as main.py's progress hook routes any picture:
    /// progress_state, a type-4 frame with image_type image/png for a client that asked for preview metadata, progress,
    /// else a type-1 frame of format 2 (PNG). Previews being turned off does not stop it: it is the node's output.
    /// </summary>
    private Task ReportImage(string nodeId, int step, int total, byte[] png)
    {
        Hub.Send("progress_state", _state.Progress.Update(nodeId, step, total), ClientId);
        var metadataClient = ClientId is not null && Hub.SupportsPreviewMetadata(ClientId);
        if (metadataClient)
        {
            Hub.Send(PreviewFrames.WithMetadata(png, _item.PromptId, nodeId, "image/png"), ClientId);
        }

        Hub.Send("progress", new JsonObject { ["value"] = step, ["max"] = total, ["prompt_id"] = _item.PromptId, ["node"] = nodeId }, ClientId);
        if (!metadataClient)
        {
            Hub.Send(PreviewFrames.Legacy(png, PreviewFrames.PngFormat), ClientId);
        }

        return Task.CompletedTask;
    }

    private Dictionary<string, NodeValue> LinkedValues(JsonObject inputs)
    {
        var linked = new Dictionary<string, NodeValue>(StringComparer.Ordinal);
        foreach (var (name, value) in inputs)
        {
            if (CacheKeys.IsLink(value, out var source, out var slot)
                && ValuesOf(source) is { } outputs && slot >= 0 && slot < outputs.Count)
            {
                linked[name] = outputs[slot];
            }
        }

        return linked;
    }

    private IReadOnlyList<NodeValue>? ValuesOf(string nodeId) =>
        _values.TryGetValue(nodeId, out var outputs) ? outputs
        : _keys.TryGetValue(nodeId, out var key) && _state.Cache.TryGet(key, out var cached) ? cached.Outputs
        : null;

    private JsonObject Executed(string nodeId, JsonNode? output) => new()
    {
        ["node"] = nodeId,
        ["display_node"] = nodeId,
        ["output"] = output,
        ["prompt_id"] = _item.PromptId,
    };

    private JsonArray ExecutedList() =>
        new([.. _executed.Order(StringComparer.Ordinal).Select(e => (JsonNode?)JsonValue.Create(e))]);

    private JsonObject ErrorData(string nodeId, string classType, JsonObject inputs, Dictionary<string, NodeValue> linked, NodeFailedException ex)
    {
        var currentInputs = new JsonObject();
        foreach (var (name, value) in inputs)
        {
            JsonNode? shown = linked.TryGetValue(name, out var v)
                ? v.Number is { } n ? JsonValue.Create(n) : JsonValue.Create(v.ToString())
                : value is JsonArray ? null : value?.DeepClone();
            var values = new JsonArray();
            values.Add(shown);
            currentInputs[name] = values;
        }

        return new JsonObject
        {
            ["prompt_id"] = _item.PromptId,
            ["node_id"] = nodeId,
            ["node_type"] = classType,
            ["executed"] = ExecutedList(),
            ["exception_message"] = ex.Message + "\n",
            ["exception_type"] = ex.PythonType,
            ["traceback"] = new JsonArray(
                "  File \"execution.py\", line 496, in execute\n    output_data, output_ui, has_subgraph, has_pending_tasks = await get_output_data(...)\n",
                $"  File \"simulator\", line 1, in {classType}\n    raise {ex.PythonType}(message)\n"),
            ["current_inputs"] = currentInputs,
            ["current_outputs"] = new JsonArray([.. _item.Prompt.Select(p => (JsonNode?)JsonValue.Create(p.Key))]),
        };
    }
}
