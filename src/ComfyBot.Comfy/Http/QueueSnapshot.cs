namespace ComfyBot.Comfy.Http;

/// <summary>GET /queue: what runs now and what waits, pending sorted in the order the server will run it.</summary>
public sealed class QueueSnapshot
{
    /// <summary>Creates a snapshot; <paramref name="pending"/> is sorted here (the server sends its raw heap).</summary>
    public QueueSnapshot(IReadOnlyList<QueueItem> running, IEnumerable<QueueItem> pending)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(pending);
        Running = running;
        Pending = [.. pending.OrderBy(p => p.Number).ThenBy(p => p.PromptId, StringComparer.Ordinal)];
    }

    /// <summary>The running prompt(s); at most one on a stock server.</summary>
    public IReadOnlyList<QueueItem> Running { get; }

    /// <summary>Waiting prompts, by number then id: the order they will run.</summary>
    public IReadOnlyList<QueueItem> Pending { get; }

    /// <summary>Whether the prompt is running now.</summary>
    public bool IsRunning(string promptId) => Running.Any(r => r.PromptId == promptId);

    /// <summary>The prompt's 1-based place among pending prompts, or null when it is not pending.</summary>
    public int? PendingPosition(string promptId)
    {
        for (var i = 0; i < Pending.Count; i++)
        {
            if (Pending[i].PromptId == promptId)
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>How many prompts will run before this pending one (running ones included), or null when not pending.</summary>
    public int? Ahead(string promptId) => PendingPosition(promptId) is { } position ? Running.Count + position - 1 : null;

    /// <summary>Whether the prompt is running or pending.</summary>
    public bool Contains(string promptId) => IsRunning(promptId) || PendingPosition(promptId) is not null;
}
