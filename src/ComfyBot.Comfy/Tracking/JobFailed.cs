namespace ComfyBot.Comfy.Tracking;

/// <summary>A node raised an exception and the run stopped.</summary>
/// <param name="PromptId">The job's prompt id.</param>
/// <param name="NodeId">The failing node.</param>
/// <param name="NodeTitle">Its title from the submitted prompt, else its class_type.</param>
/// <param name="ClassType">Its class_type.</param>
/// <param name="ExceptionType">The Python exception type, e.g. <c>RuntimeError</c>.</param>
/// <param name="ExceptionMessage">The exception message.</param>
public sealed record JobFailed(string PromptId, string? NodeId, string? NodeTitle, string? ClassType, string? ExceptionType, string? ExceptionMessage)
    : JobOutcome(PromptId)
{
    /// <summary>A line a person can read: which node failed, how.</summary>
    public override string ToString() =>
        $"Prompt {PromptId} failed in node {NodeId} ({NodeTitle ?? ClassType ?? "unknown"}): {ExceptionType}: {ExceptionMessage?.Trim()}";
}
