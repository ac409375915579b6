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
        var entries = await _transport.SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, $"history/{Uri.EscapeDataString(promptId)}", null, HistoryReader.ReadAsync, cancellationToken);
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
        return _transport.SendAsync(ComfyCallKind.Idempotent, HttpMethod.Get, path, null, HistoryReader.ReadAsync, cancellationToken);
    }
}
