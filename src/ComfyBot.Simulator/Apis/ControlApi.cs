using System.Globalization;
using System.Text.Json.Nodes;
using ComfyBot.Simulator.Execution;

namespace ComfyBot.Simulator.Apis;

/// <summary>
/// /simulator/... routes so a standalone simulator's faults can be changed while it runs (the in-process
/// API is <see cref="ComfySimulator"/>'s methods). Bad values get a 400 naming the field and the fix.
/// </summary>
internal static class ControlApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/simulator");
        group.MapGet("/settings", (SimulatorRuntime runtime) => JsonReply.Ok(Settings(runtime)));
        group.MapPost("/settings", UpdateAsync);
        group.MapPost("/restart", async (SimulatorRuntime runtime) =>
        {
            await runtime.RestartAsync();
            return Results.Ok();
        });
        group.MapPost("/drop-sockets", (HttpRequest request, SimulatorRuntime runtime) =>
        {
            var clientId = request.Query["client_id"].ToString();
            var dropped = runtime.Hub.Drop(clientId.Length == 0 ? null : clientId);
            return JsonReply.Ok(new JsonObject { ["dropped"] = dropped });
        });
        group.MapPost("/foreign", (HttpRequest request, SimulatorRuntime runtime) =>
        {
            var steps = int.TryParse(request.Query["steps"], CultureInfo.InvariantCulture, out var s) ? s : 4;
            if (steps < 1)
            {
                return Problem("steps", "must be 1 or more, e.g. ?steps=4");
            }

            return JsonReply.Ok(new JsonObject { ["prompt_id"] = runtime.EnqueueForeignPrompt(steps) });
        });
    }

    private static JsonObject Settings(SimulatorRuntime runtime) => new()
    {
        ["steps_per_second"] = runtime.StepsPerSecond,
        ["fail_node"] = runtime.FailNode,
        ["history_write_delay_ms"] = runtime.HistoryWriteDelay.TotalMilliseconds,
        ["previews"] = runtime.Previews,
    };

    /// <summary>Body: any of {"steps_per_second": n, "fail_node": "KSampler"|null, "history_write_delay_ms": n, "previews": bool}.</summary>
    private static async Task<IResult> UpdateAsync(HttpRequest request, SimulatorRuntime runtime)
    {
        var (ok, body) = await JsonReply.ReadBodyAsync(request);
        if (!ok || body is not JsonObject json)
        {
            return Problem("body", "must be a JSON object such as {\"steps_per_second\": 20}");
        }

        if (json.TryGetPropertyValue("steps_per_second", out var speed))
        {
            if (speed is not JsonValue v || !v.TryGetValue<double>(out var sps) || sps < 0)
            {
                return Problem("steps_per_second", "must be a number >= 0 (0 = instant)");
            }

            runtime.StepsPerSecond = sps;
        }

        if (json.TryGetPropertyValue("fail_node", out var fail))
        {
            runtime.FailNode = fail is JsonValue f && f.TryGetValue<string>(out var node) ? node : null;
        }

        if (json.TryGetPropertyValue("history_write_delay_ms", out var delay))
        {
            if (delay is not JsonValue d || !d.TryGetValue<double>(out var ms) || ms < 0)
            {
                return Problem("history_write_delay_ms", "must be a number of milliseconds >= 0");
            }

            runtime.HistoryWriteDelay = TimeSpan.FromMilliseconds(ms);
        }

        if (json.TryGetPropertyValue("previews", out var previews))
        {
            if (previews is not JsonValue p || !p.TryGetValue<bool>(out var on))
            {
                return Problem("previews", "must be true or false");
            }

            runtime.Previews = on;
        }

        return JsonReply.Ok(Settings(runtime));
    }

    private static JsonReply Problem(string field, string fix) =>
        JsonReply.Status(new JsonObject { ["error"] = $"'{field}' {fix}." }, StatusCodes.Status400BadRequest);
}
