using System.Text.Json.Nodes;
using ComfyBot.Simulator.Execution;
using ComfyBot.Simulator.Validation;

namespace ComfyBot.Simulator.Apis;

/// <summary>GET/POST /queue, POST /interrupt and POST /free.</summary>
internal static class QueueApi
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/queue", (SimulatorRuntime runtime) => JsonReply.Ok(runtime.State.Queue.Snapshot()));
        group.MapPost("/queue", PostQueueAsync);
        group.MapPost("/interrupt", InterruptAsync);
        group.MapPost("/free", FreeAsync);
    }

    private static async Task<IResult> PostQueueAsync(HttpRequest request, SimulatorRuntime runtime)
    {
        var (ok, body) = await JsonReply.ReadBodyAsync(request);
        if (!ok || body is not JsonObject json)
        {
            return JsonReply.ServerError();
        }

        var queue = runtime.State.Queue;
        if (json["clear"] is JsonNode clear && PyConvert.ToBool(clear).Display == "True")
        {
            queue.Clear();
        }

        if (json["delete"] is JsonArray delete)
        {
            foreach (var id in delete)
            {
                queue.Delete(PyRepr.Str(id));
            }
        }

        return Results.Ok();
    }

    /// <summary>No body or a bad body interrupts globally; {"prompt_id"} only if that prompt is running.</summary>
    private static async Task<IResult> InterruptAsync(HttpRequest request, SimulatorRuntime runtime)
    {
        var (_, body) = await JsonReply.ReadBodyAsync(request);
        var state = runtime.State;
        if (body is JsonObject json && json.TryGetPropertyValue("prompt_id", out var id))
        {
            if (runtime.InterruptIgnoresPromptId || state.Queue.IsRunning(PyRepr.Str(id)))
            {
                state.Interrupt.Set();
            }
        }
        else
        {
            state.Interrupt.Set();
        }

        return Results.Ok();
    }

    /// <summary>free_memory drops the node caches; unloading models has nothing to unload here.</summary>
    private static async Task<IResult> FreeAsync(HttpRequest request, SimulatorRuntime runtime)
    {
        var (ok, body) = await JsonReply.ReadBodyAsync(request);
        if (!ok || body is not JsonObject json)
        {
            return JsonReply.ServerError();
        }

        if (json["free_memory"] is JsonNode free && PyConvert.ToBool(free).Display == "True")
        {
            runtime.State.Cache.Clear();
        }

        return Results.Ok();
    }
}
