using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Http;

/// <summary>
/// Reads POST /prompt answers in every recorded shape: <c>error</c> as an object or a bare string (old servers),
/// <c>node_errors</c> as <c>{}</c> or <c>[]</c>, and a 200 that still lists node errors.
/// </summary>
internal static class PromptResponseReader
{
    public static PromptAccepted ReadAccepted(PromptRequest request, byte[] body)
    {
        using var document = Parse(body, HttpStatusCode.OK);
        var root = document.RootElement;
        var promptId = root.TryGetProperty("prompt_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : request.PromptId;
        var number = root.TryGetProperty("number", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetDouble() : 0;
        var errors = ReadNodeErrors(request.Prompt, root);
        return new PromptAccepted(promptId, number, errors, Recovered: false) { SkippedOutputs = Skipped(request.Prompt, errors) };
    }

    public static Exception ReadRejection(PromptRequest request, byte[] body)
    {
        JsonDocument document;
        try
        {
            document = Parse(body, HttpStatusCode.BadRequest);
        }
        catch (ComfyHttpException ex)
        {
            return ex;
        }

        using (document)
        {
            var root = document.RootElement;
            string type = "unknown", message = "ComfyUI rejected the prompt without saying why", details = string.Empty;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    type = "error";
                    message = error.GetString()!;
                }
                else if (error.ValueKind == JsonValueKind.Object)
                {
                    type = Text(error, "type") ?? type;
                    message = Text(error, "message") ?? message;
                    details = Text(error, "details") ?? details;
                }
            }

            return new PromptValidationException(request.PromptId, type, message, details, ReadNodeErrors(request.Prompt, root));
        }
    }

    private static List<NodeValidationError> ReadNodeErrors(JsonObject prompt, JsonElement root)
    {
        var result = new List<NodeValidationError>();
        // Old servers sent [] for "none"; only the object form carries errors.
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("node_errors", out var nodes) || nodes.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var node in nodes.EnumerateObject())
        {
            var classType = node.Value.ValueKind == JsonValueKind.Object ? Text(node.Value, "class_type") : null;
            var title = TitleOf(prompt, node.Name);
            var dependents = DependentOutputs(node.Value);
            if (node.Value.ValueKind != JsonValueKind.Object || !node.Value.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
            {
                result.Add(new NodeValidationError(node.Name, classType, title, "unknown", "The node failed validation", string.Empty, null) { DependentOutputs = dependents });
                continue;
            }

            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                string? input = null;
                if (error.TryGetProperty("extra_info", out var extra) && extra.ValueKind == JsonValueKind.Object)
                {
                    input = Text(extra, "input_name");
                }

                result.Add(new NodeValidationError(
                    node.Name,
                    classType,
                    title,
                    Text(error, "type") ?? "unknown",
                    Text(error, "message") ?? string.Empty,
                    Text(error, "details") ?? string.Empty,
                    input) { DependentOutputs = dependents });
            }
        }

        return result;
    }

    private static List<SkippedOutput> Skipped(JsonObject prompt, List<NodeValidationError> errors)
    {
        var byOutput = new Dictionary<string, List<NodeValidationError>>(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            foreach (var output in error.DependentOutputs.Count > 0 ? error.DependentOutputs : [error.NodeId])
            {
                if (!byOutput.TryGetValue(output, out var reasons))
                {
                    byOutput[output] = reasons = [];
                }

                reasons.Add(error);
            }
        }

        return [.. byOutput.Select(pair => new SkippedOutput(pair.Key, ClassOf(prompt, pair.Key), TitleOf(prompt, pair.Key), pair.Value))];
    }

    private static string? ClassOf(JsonObject prompt, string nodeId) =>
        prompt[nodeId] is JsonObject node && node["class_type"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static List<string> DependentOutputs(JsonElement node)
    {
        var outputs = new List<string>();
        if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty("dependent_outputs", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                // ComfyUI sends the ids as strings; a number is read the same way rather than dropped.
                if (item.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    outputs.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
                }
            }
        }

        return outputs;
    }

    private static string? TitleOf(JsonObject prompt, string nodeId) =>
        prompt[nodeId] is JsonObject node && node["_meta"] is JsonObject meta && meta["title"] is JsonValue title && title.TryGetValue<string>(out var text)
            ? text
            : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonDocument Parse(byte[] body, HttpStatusCode status)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            var snippet = System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 500)));
            throw new ComfyHttpException("POST /prompt", status, "(not JSON) " + snippet);
        }
    }
}
