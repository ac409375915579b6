namespace ComfyBot.Comfy.Http;

/// <summary>POST /prompt queued the prompt.</summary>
/// <param name="PromptId">The prompt id, as sent.</param>
/// <param name="Number">The queue priority the server assigned (negative for front; may be fractional).</param>
/// <param name="NodeErrors">
/// Outputs that failed validation and will not run although the rest was queued (a 200 with node_errors).
/// </param>
/// <param name="Recovered">
/// True when the HTTP answer was lost in transit and the prompt was found in /queue or /history instead;
/// <paramref name="Number"/> then comes from the queue, or is 0 if the prompt already finished.
/// </param>
public sealed record PromptAccepted(string PromptId, double Number, IReadOnlyList<NodeValidationError> NodeErrors, bool Recovered)
{
    /// <summary>
    /// The output nodes that will not run, each with the errors that took it out: <see cref="NodeErrors"/> grouped by
    /// ComfyUI's <c>dependent_outputs</c> (an error that names none counts against its own node). Empty when every
    /// output runs.
    /// </summary>
    public IReadOnlyList<SkippedOutput> SkippedOutputs { get; init; } = [];
}
