using System.Text.Json.Nodes;
using ComfyBot.Comfy.Resilience;

namespace ComfyBot.Comfy.Http;

/// <summary>GET/POST /queue, POST /interrupt, GET /prompt.</summary>
public sealed partial class ComfyClient
{
    /// <summary>GET /queue: running and pending prompts, pending in run order.</summary>
    public Task<QueueSnapshot> GetQueueAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, "queue", null, QueueReader.ReadAsync, cancellationToken);

    /// <summary>GET /queue, with the submitted graph of <paramref name="promptId"/> when it is running or pending there.</summary>
    internal Task<(QueueSnapshot Queue, JsonObject? Graph)> GetQueueWithGraphAsync(string promptId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, "queue", null, async (response, token) =>
        {
            using var document = await ComfyHttpTransport.ReadJsonAsync(response, token);
            var root = document.RootElement;
            return (QueueReader.Read(root), QueueReader.GraphOf(root, promptId));
        }, cancellationToken);

    /// <summary>GET /prompt: how many prompts are pending or running (cheaper than <see cref="GetQueueAsync"/>).</summary>
    public Task<int> GetQueueRemainingAsync(CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, "prompt", null, async (response, token) =>
        {
            using var document = await ComfyHttpTransport.ReadJsonAsync(response, token);
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

        return _transport.SendAsync(ComfyCallKind.Idempotent, HttpMethod.Post, "queue", () => ComfyHttpTransport.JsonContent(w =>
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
        _transport.SendAsync(ComfyCallKind.Idempotent, HttpMethod.Post, "queue", () => ComfyHttpTransport.JsonContent(w =>
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
        _transport.SendAsync(promptId is null ? ComfyCallKind.AtMostOnce : ComfyCallKind.Idempotent, HttpMethod.Post, "interrupt", () => ComfyHttpTransport.JsonContent(w =>
        {
            w.WriteStartObject();
            if (promptId is not null)
            {
                w.WriteString("prompt_id", promptId);
            }

            w.WriteEndObject();
        }), Ignore, cancellationToken);

    private static Task<bool> Ignore(HttpResponseMessage response, CancellationToken token) => Task.FromResult(true);
}
