using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Http;

/// <summary>
/// Reads GET /queue answers: each item is <c>[number, prompt_id, prompt, extra_data, outputs_to_execute]</c>, of which
/// the number, the id and the client id (from extra_data) are kept, and a prompt's graph on request.
/// </summary>
internal static class QueueReader
{
    /// <summary>The answer as a <see cref="QueueSnapshot"/>.</summary>
    public static async Task<QueueSnapshot> ReadAsync(HttpResponseMessage response, CancellationToken token)
    {
        using var document = await ComfyHttpTransport.ReadJsonAsync(response, token);
        return Read(document.RootElement);
    }

    /// <summary>The running and pending prompts of a /queue answer; a missing list is empty, a malformed item a protocol error.</summary>
    public static QueueSnapshot Read(JsonElement root) =>
        new(ReadItems(root, "queue_running"), ReadItems(root, "queue_pending"));

    private static List<QueueItem> ReadItems(JsonElement root, string name)
    {
        var items = new List<QueueItem>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return items;
        }

        foreach (var item in array.EnumerateArray())
        {
            // [number, prompt_id, prompt, extra_data, outputs_to_execute]
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() < 2 || item[1].ValueKind != JsonValueKind.String)
            {
                throw new Events.ComfyProtocolException($"A /queue {name} item must be [number, prompt_id, ...]; got {Truncate(item.GetRawText())}.");
            }

            var number = item[0].ValueKind == JsonValueKind.Number ? item[0].GetDouble() : 0;
            string? clientId = null;
            if (item.GetArrayLength() > 3 && item[3].ValueKind == JsonValueKind.Object && item[3].TryGetProperty("client_id", out var c) && c.ValueKind == JsonValueKind.String)
            {
                clientId = c.GetString();
            }

            items.Add(new QueueItem(number, item[1].GetString()!, clientId));
        }

        return items;
    }

    /// <summary>The submitted graph of <paramref name="promptId"/> when it is running or pending in a /queue answer.</summary>
    public static JsonObject? GraphOf(JsonElement root, string promptId)
    {
        foreach (var name in (ReadOnlySpan<string>)["queue_running", "queue_pending"])
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var item in array.EnumerateArray())
            {
                // [number, prompt_id, prompt, extra_data, outputs_to_execute]
                if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() > 2 && item[1].ValueKind == JsonValueKind.String
                    && item[1].ValueEquals(promptId) && item[2].ValueKind == JsonValueKind.Object)
                {
                    return JsonNode.Parse(item[2].GetRawText()) as JsonObject;
                }
            }
        }

        return null;
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "..." : text;
}
