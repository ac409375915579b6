using System.Text;
using System.Text.Json;
using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Resilience;

namespace ComfyBot.Comfy.Http;

/// <summary>GET /history.</summary>
public sealed partial class ComfyClient
{
    /// <summary>
    /// GET /history/{id}: the finished prompt, or null when the server has no entry. Null right after
    /// <c>execution_success</c> is normal (history is written after it); it is also what an unknown id or a
    /// restarted server gives.
    /// </summary>
    public async Task<HistoryEntry?> GetHistoryAsync(string promptId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(promptId);
        var entries = await SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, $"history/{Uri.EscapeDataString(promptId)}", null, ReadHistoryAsync, cancellationToken);
        return entries.FirstOrDefault(e => e.PromptId == promptId);
    }

    /// <summary>GET /history: finished prompts, oldest first.</summary>
    /// <param name="maxItems">Return only the newest this many (still oldest first); null for all.</param>
    /// <param name="offset">Skip this many from the oldest (servers since 0.3.60); null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(int? maxItems, int? offset, CancellationToken cancellationToken = default)
    {
        if (maxItems is < 1 || offset is < 0)
        {
            throw new ArgumentOutOfRangeException(maxItems is < 1 ? nameof(maxItems) : nameof(offset), "maxItems must be at least 1 and offset at least 0 (or null).");
        }

        var query = new List<string>();
        if (maxItems is { } max)
        {
            query.Add($"max_items={max}");
        }

        if (offset is { } skip)
        {
            query.Add($"offset={skip}");
        }

        var path = query.Count == 0 ? "history" : "history?" + string.Join('&', query);
        return SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, path, null, ReadHistoryAsync, cancellationToken);
    }

    private static async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(HttpResponseMessage response, CancellationToken token)
    {
        using var document = await ReadJsonAsync(response, token);
        return ReadHistory(document.RootElement);
    }

    internal static List<HistoryEntry> ReadHistory(JsonElement root)
    {
        var entries = new List<HistoryEntry>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ComfyProtocolException($"GET /history must answer a JSON object keyed by prompt id; got {root.ValueKind}.");
        }

        var parser = new ComfyEventParser();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            entries.Add(ReadEntry(property.Name, property.Value, parser));
        }

        return entries;
    }

    private static HistoryEntry ReadEntry(string promptId, JsonElement entry, ComfyEventParser parser)
    {
        double number = 0;
        if (entry.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() > 0 && prompt[0].ValueKind == JsonValueKind.Number)
        {
            number = prompt[0].GetDouble();
        }

        var outputs = new List<OutputFile>();
        if (entry.TryGetProperty("outputs", out var nodes) && nodes.ValueKind == JsonValueKind.Object)
        {
            foreach (var node in nodes.EnumerateObject())
            {
                if (node.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(node.Value.GetRawText()));
                reader.Read();
                OutputFilesReader.ReadFiles(ref reader, node.Name, outputs);
            }
        }

        string? statusText = null;
        var completed = false;
        ExecutionErrorEvent? error = null;
        ExecutionInterruptedEvent? interruption = null;
        DateTimeOffset? startedAt = null;
        DateTimeOffset? endedAt = null;
        if (entry.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object)
        {
            statusText = status.TryGetProperty("status_str", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            completed = status.TryGetProperty("completed", out var c) && c.ValueKind == JsonValueKind.True;
            if (status.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                foreach (var message in messages.EnumerateArray())
                {
                    if (message.ValueKind != JsonValueKind.Array || message.GetArrayLength() < 2 || message[0].ValueKind != JsonValueKind.String || message[1].ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var name = message[0].GetString()!;
                    switch (name)
                    {
                        case "execution_start":
                            startedAt = Timestamp(message[1]) ?? startedAt;
                            break;
                        case "execution_success" or "execution_error" or "execution_interrupted":
                            endedAt = Timestamp(message[1]) ?? endedAt;
                            break;
                    }

                    if (name is "execution_error" or "execution_interrupted")
                    {
                        switch (parser.ParseData(name, Encoding.UTF8.GetBytes(message[1].GetRawText())))
                        {
                            case ExecutionErrorEvent e when e.IsFatal:
                                error = e;
                                break;
                            case ExecutionInterruptedEvent i:
                                interruption = i;
                                break;
                        }
                    }
                }
            }
        }

        return new HistoryEntry(promptId, number, statusText, completed, outputs, error, interruption) { StartedAt = startedAt, EndedAt = endedAt };
    }

    /// <summary>A status message's <c>timestamp</c>: milliseconds since the Unix epoch, as ComfyUI's add_message writes it.</summary>
    private static DateTimeOffset? Timestamp(JsonElement data) =>
        data.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms)
            && ms is > 0 and < 253_402_300_800_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
