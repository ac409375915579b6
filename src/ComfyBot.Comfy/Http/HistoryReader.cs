using System.Text;
using System.Text.Json;
using ComfyBot.Comfy.Events;

namespace ComfyBot.Comfy.Http;

/// <summary>
/// Reads GET /history answers: per prompt id its queue number, output files, status, the fatal error or interruption
/// its status messages carry, and when it started and ended. Entries that are not objects are left out.
/// </summary>
internal static class HistoryReader
{
    /// <summary>The answer's entries, in the server's order (oldest first).</summary>
    public static async Task<IReadOnlyList<HistoryEntry>> ReadAsync(HttpResponseMessage response, CancellationToken token)
    {
        using var document = await ComfyHttpTransport.ReadJsonAsync(response, token);
        return Read(document.RootElement);
    }

    public static List<HistoryEntry> Read(JsonElement root)
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
