using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.Simulator.Execution;
using ComfyBot.Simulator.Queueing;
using ComfyBot.Simulator.Validation;

namespace ComfyBot.Simulator.Apis;

/// <summary>POST /prompt (queue a workflow, with ComfyUI's number/front/prompt_id rules) and GET /prompt.</summary>
internal static class PromptApi
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/prompt", PostAsync);
        group.MapGet("/prompt", (SimulatorRuntime runtime) => JsonReply.Ok(runtime.State.Queue.StatusInfo()));
    }

    private static async Task<IResult> PostAsync(HttpRequest request, SimulatorRuntime runtime)
    {
        var (ok, body) = await JsonReply.ReadBodyAsync(request);
        if (!ok || body is null || body.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            return JsonReply.ServerError();
        }

        var state = runtime.State;
        var json = body as JsonObject;

        // As in server.py, the number is taken (and the counter advanced) before the prompt is even looked at.
        double number;
        var isFloat = false;
        if (json?["number"] is JsonNode given)
        {
            if (!double.TryParse(PyRepr.Str(given), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            {
                return JsonReply.ServerError();
            }

            isFloat = true;
        }
        else
        {
            number = state.Queue.NextNumber();
            if (json?["front"] is JsonNode front && PyConvert.ToBool(front).Display == "True")
            {
                number = -number;
            }
        }

        if (json is null || !json.TryGetPropertyValue("prompt", out var promptNode))
        {
            var error = ValidationOutcome.ErrorObject("no_prompt", "No prompt provided", "No prompt provided", []);
            return JsonReply.Status(new JsonObject { ["error"] = error, ["node_errors"] = new JsonObject() }, StatusCodes.Status400BadRequest);
        }

        if (promptNode is not JsonObject prompt)
        {
            return JsonReply.ServerError();
        }

        // str(value) as the real server does: a JSON null becomes "None", so clients should not send one.
        var promptId = json.TryGetPropertyValue("prompt_id", out var id) ? PyRepr.Str(id) : Guid.NewGuid().ToString();
        List<string>? targets = null;
        if (json["partial_execution_targets"] is JsonArray partial)
        {
            targets = [.. partial.Select(PyRepr.Str)];
        }

        var outcome = runtime.Validator.Validate(prompt, targets);
        var extraData = json["extra_data"] is JsonObject extra ? (JsonObject)extra.DeepClone() : [];
        if (json.TryGetPropertyValue("client_id", out var clientId))
        {
            extraData["client_id"] = clientId?.DeepClone();
        }

        if (!outcome.IsValid)
        {
            return JsonReply.Status(new JsonObject { ["error"] = outcome.Error, ["node_errors"] = outcome.NodeErrors }, StatusCodes.Status400BadRequest);
        }

        var item = new QueuedPrompt(number, isFloat, promptId, (JsonObject)prompt.DeepClone(), extraData, outcome.GoodOutputs);
        state.Queue.Put(item);
        return JsonReply.Ok(new JsonObject { ["prompt_id"] = promptId, ["number"] = item.NumberNode(), ["node_errors"] = outcome.NodeErrors });
    }
}
