using ComfyBot.Comfy.Events;

namespace ComfyBot.Comfy.Http;

/// <summary>A finished prompt as GET /history describes it.</summary>
/// <param name="PromptId">The prompt.</param>
/// <param name="Number">Its queue number.</param>
/// <param name="StatusText"><c>success</c> or <c>error</c> (interrupted runs say <c>error</c> too).</param>
/// <param name="Completed">Whether the run completed.</param>
/// <param name="Outputs">Every file in <c>outputs</c>, cached output nodes included.</param>
/// <param name="Error">The run's <c>execution_error</c>, if <c>status.messages</c> has one.</param>
/// <param name="Interruption">The run's <c>execution_interrupted</c>, if <c>status.messages</c> has one.</param>
public sealed record HistoryEntry(
    string PromptId,
    double Number,
    string? StatusText,
    bool Completed,
    IReadOnlyList<OutputFile> Outputs,
    ExecutionErrorEvent? Error,
    ExecutionInterruptedEvent? Interruption)
{
    /// <summary>True when the run succeeded.</summary>
    public bool IsSuccess => StatusText == "success" && Completed;

    /// <summary>When the server began the run: the <c>execution_start</c> message's timestamp; null when history has none.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>
    /// When the run ended: the timestamp of its <c>execution_success</c>, <c>execution_error</c> or
    /// <c>execution_interrupted</c> message; null when history has none.
    /// </summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>How long the server ran the prompt (<see cref="EndedAt"/> − <see cref="StartedAt"/>); null when either is unknown.</summary>
    public TimeSpan? RunTime => EndedAt - StartedAt is { } run && run >= TimeSpan.Zero ? run : null;
}
