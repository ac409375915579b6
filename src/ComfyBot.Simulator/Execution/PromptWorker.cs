using System.Text.Json.Nodes;
using ComfyBot.Simulator.Queueing;
using ComfyBot.Simulator.Sockets;

namespace ComfyBot.Simulator.Execution;

/// <summary>
/// The single worker: takes prompts by priority and runs them with the message order of protocol section 6
/// and the recordings: execution_start, execution_cached, per node progress_state / executing / steps /
/// executed / progress_state, the terminal message, history, status, executing{node:null}.
/// </summary>
internal sealed class PromptWorker
{
    private readonly SimulatorRuntime _runtime;
    private readonly ILogger _logger;

    public PromptWorker(SimulatorRuntime runtime, ILogger logger)
    {
        _runtime = runtime;
        _logger = logger;
    }

    public async Task RunAsync(ServerState state, CancellationToken ct)
    {
        await Task.Yield();
        while (!ct.IsCancellationRequested)
        {
            var item = await state.Queue.TakeAsync(ct);
            try
            {
                await ExecuteAsync(state, item, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // A bug in the simulator must not kill the worker: finish the item so the queue moves on.
                _logger.LogError(ex, "Simulator failed while running prompt {PromptId}", item.PromptId);
                state.Progress.End();
                state.Queue.TaskDone();
            }
        }
    }

    private async Task ExecuteAsync(ServerState state, QueuedPrompt item, CancellationToken ct)
    {
        var hub = _runtime.Hub;
        var clientId = item.ClientId;
        var run = new PromptRun(_runtime, state, item);
        state.Interrupt.Clear();
        state.Progress.Begin(item.PromptId, clientId);
        run.AddMessage("execution_start", new JsonObject { ["prompt_id"] = item.PromptId }, broadcast: false);

        var keys = CacheKeys.Compute(item.Prompt, _runtime.Files);
        run.UseCacheKeys(keys);
        state.Cache.Retain(keys.Values);
        var cachedNodes = new JsonArray([.. item.Prompt.Select(p => p.Key).Where(id => state.Cache.Contains(keys[id])).Select(id => (JsonNode?)JsonValue.Create(id))]);
        run.AddMessage("execution_cached", new JsonObject { ["nodes"] = cachedNodes, ["prompt_id"] = item.PromptId }, broadcast: false);

        var order = new ExecutionList(item.Prompt, id => state.Cache.Contains(keys[id]), _runtime.Catalog);
        foreach (var output in item.OutputsToExecute)
        {
            order.AddNode(output);
        }

        var pacer = new StepPacer(_runtime, state.Interrupt, ct);
        var runner = new NodeRunner(_runtime.Files, hub, pacer, _runtime.Previews && !run.PreviewsDisabled);
        var success = true;
        while (order.Next() is { } nodeId)
        {
            ct.ThrowIfCancellationRequested();
            if (state.Cache.TryGet(keys[nodeId], out var cached))
            {
                run.CompleteCached(nodeId, cached);
                order.Complete(nodeId);
                continue;
            }

            if (!await run.ExecuteNodeAsync(nodeId, keys[nodeId], runner))
            {
                success = false;
                break;
            }

            order.Complete(nodeId);
        }

        if (success)
        {
            run.AddMessage("execution_success", new JsonObject { ["prompt_id"] = item.PromptId }, broadcast: false);
        }

        state.Progress.End();
        var delay = _runtime.HistoryWriteDelay;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _runtime.TimeProvider, ct);
        }

        state.History.Write(item.PromptId, run.HistoryEntry(success));
        state.Queue.TaskDone();
        if (clientId is not null)
        {
            hub.Send("executing", new JsonObject { ["node"] = null, ["prompt_id"] = item.PromptId }, clientId);
        }
    }
}
