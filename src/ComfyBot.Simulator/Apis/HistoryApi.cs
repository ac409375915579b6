using System.Text.Json.Nodes;
using ComfyBot.Simulator.Execution;
using ComfyBot.Simulator.Validation;

namespace ComfyBot.Simulator.Apis;

/// <summary>GET /history (max_items, offset), GET /history/{id} ({} when unknown) and POST /history.</summary>
internal static class HistoryApi
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/history", List);
        group.MapGet("/history/{promptId}", (string promptId, SimulatorRuntime runtime) => JsonReply.Ok(runtime.State.History.Get(promptId)));
        group.MapPost("/history", PostAsync);
    }

    private static IResult List(HttpRequest request, SimulatorRuntime runtime)
    {
        int? maxItems = null;
        var offset = -1;
        if (request.Query.TryGetValue("max_items", out var max))
        {
            if (!int.TryParse(max.ToString(), out var n))
            {
                return JsonReply.ServerError();
            }

            maxItems = n;
        }

        if (request.Query.TryGetValue("offset", out var off) && !int.TryParse(off.ToString(), out offset))
        {
            return JsonReply.ServerError();
        }

        return JsonReply.Ok(runtime.State.History.List(maxItems, offset));
    }

    private static async Task<IResult> PostAsync(HttpRequest request, SimulatorRuntime runtime)
    {
        var (ok, body) = await JsonReply.ReadBodyAsync(request);
        if (!ok || body is not JsonObject json)
        {
            return JsonReply.ServerError();
        }

        var history = runtime.State.History;
        if (json["clear"] is JsonNode clear && PyConvert.ToBool(clear).Display == "True")
        {
            history.Clear();
        }

        if (json["delete"] is JsonArray delete)
        {
            foreach (var id in delete)
            {
                history.Delete(PyRepr.Str(id));
            }
        }

        return Results.Ok();
    }
}
