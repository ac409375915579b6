using System.Text.Json.Nodes;
using ComfyBot.Comfy.Http;

namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// What the server says about one prompt, for the times its events may be missing: its /history entry (once, or re-read
/// with a doubling delay while ComfyUI has not written it yet) and the /queue (with the prompt's graph when the run
/// lacks it). Failures reach the caller as the client throws them.
/// </summary>
internal sealed class PromptLookup(ComfyClient client, string promptId, JobTrackerOptions options, TimeProvider time)
{
    /// <summary>The history entry, or null when the server has none (yet).</summary>
    public Task<HistoryEntry?> HistoryAsync(CancellationToken cancellationToken) => client.GetHistoryAsync(promptId, cancellationToken);

    /// <summary>
    /// The history entry, read up to <see cref="JobTrackerOptions.HistoryRetryAttempts"/> more times after
    /// <see cref="JobTrackerOptions.HistoryRetryDelay"/>, doubled each time; null when it never came.
    /// </summary>
    public async Task<HistoryEntry?> HistoryWithRetryAsync(CancellationToken cancellationToken)
    {
        var delay = options.HistoryRetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            if (await client.GetHistoryAsync(promptId, cancellationToken) is { } entry)
            {
                return entry;
            }

            if (attempt >= options.HistoryRetryAttempts)
            {
                return null;
            }

            await Task.Delay(delay, time, cancellationToken);
            delay *= 2;
        }
    }

    /// <summary>The queue, and the prompt's submitted graph when <paramref name="withGraph"/> and the queue has it.</summary>
    public async Task<(QueueSnapshot Queue, JsonObject? Graph)> QueueAsync(bool withGraph, CancellationToken cancellationToken) =>
        withGraph
            ? await client.GetQueueWithGraphAsync(promptId, cancellationToken)
            : (await client.GetQueueAsync(cancellationToken), null);
}
