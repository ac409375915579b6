using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.Comfy.Resilience;

namespace ComfyBot.Comfy.Http;

/// <summary>GET/POST /queue, POST /interrupt, GET /prompt.</summary>
public sealed partial class ComfyClient
{
    /// <summary>GET /queue: running and pending prompts, pending in run order.</summary>
    public Task<QueueSnapshot> GetQueueAsync(CancellationToken cancellationToken = default) =>
        SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, "queue", null, ReadQueueAsync, cancellationToken);

    /// <summary>GET /queue, with the submitted graph of <paramref name="promptId"/> when it is running or pending there.</summary>
    internal Task<(QueueSnapshot Queue, JsonObject? Graph)> GetQueueWithGraphAsync(string promptId, CancellationToken cancellationToken = default) =>
        SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, "queue", null, async (response, token) =>
        {
            using var document = await ReadJsonAsync(response, token);
            var root = document.RootElement;
            var queue = new QueueSnapshot(ReadQueueItems(root, "queue_running"), ReadQueueItems(root, "queue_pending"));
            return (queue, GraphOf(root, promptId));
        }, cancellationToken);

    /// <summary>GET /prompt: how many prompts are pending or running (cheaper than <see cref="GetQueueAsync"/>).</summary>
    public Task<int> GetQueueRemainingAsync(CancellationToken cancellationToken = default) =>
        SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, "prompt", null, async (response, token) =>
        {
            using var document = await ReadJsonAsync(response, token);
            return document.RootElement.TryGetProperty("exec_info", out var info) && info.TryGetProperty("queue_remaining", out var remaining)
                ? remaining.GetInt32()
                : 0;
        }, cancellationToken);

    /// <summary>POST /queue delete: removes pending prompts. A running prompt is untouched (interrupt it instead).</summary>
    public Task DeleteFromQueueAsync(IEnumerable<string> promptIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(promptIds);
        var ids = promptIds.ToArray();
        if (ids.Length == 0 || ids.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Give at least one prompt id to delete, and no empty ones.", nameof(promptIds));
        }

        return SendAsync(ComfyCallKind.Idempotent, HttpMethod.Post, "queue", () => JsonContent(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("delete");
            foreach (var id in ids)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }), Ignore, cancellationToken);
    }

    /// <summary>POST /queue clear: removes every pending prompt (of every client).</summary>
    public Task ClearQueueAsync(CancellationToken cancellationToken = default) =>
        SendAsync(ComfyCallKind.Idempotent, HttpMethod.Post, "queue", () => JsonContent(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("clear", true);
            w.WriteEndObject();
        }), Ignore, cancellationToken);

    /// <summary>
    /// POST /interrupt. With a prompt id, interrupts that prompt only if it is running (safe to retry). Without,
    /// interrupts whatever runs; that call is retried only when the connection was never made, so a retry cannot
    /// stop the next prompt. An interrupt may still end in success: wait for the outcome.
    /// </summary>
    public Task InterruptAsync(string? promptId = null, CancellationToken cancellationToken = default) =>
        SendAsync(promptId is null ? ComfyCallKind.AtMostOnce : ComfyCallKind.Idempotent, HttpMethod.Post, "interrupt", () => JsonContent(w =>
        {
            w.WriteStartObject();
            if (promptId is not null)
            {
                w.WriteString("prompt_id", promptId);
            }

            w.WriteEndObject();
        }), Ignore, cancellationToken);

    private static Task<bool> Ignore(HttpResponseMessage response, CancellationToken token) => Task.FromResult(true);

    private static async Task<QueueSnapshot> ReadQueueAsync(HttpResponseMessage response, CancellationToken token)
    {
        using var document = await ReadJsonAsync(response, token);
        var root = document.RootElement;
        return new QueueSnapshot(ReadQueueItems(root, "queue_running"), ReadQueueItems(root, "queue_pending"));
    }

    private static List<QueueItem> ReadQueueItems(JsonElement root, string name)
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

    private static JsonObject? GraphOf(JsonElement root, string promptId)
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
