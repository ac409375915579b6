namespace ComfyBot.Comfy.Http;

/// <summary>POST /prompt.</summary>
public sealed partial class ComfyClient
{
    /// <summary>
    /// Queues a workflow. If the call fails in transit, the retry first looks for the request's prompt id in
    /// /queue and /history, so a prompt the server did accept is never queued twice.
    /// </summary>
    /// <returns>The accepted prompt; its <see cref="PromptAccepted.NodeErrors"/> lists outputs that will not run.</returns>
    /// <exception cref="PromptValidationException">ComfyUI answered 400: nothing was queued; the message lists each node error.</exception>
    /// <exception cref="ComfyUnavailableException">Every attempt failed in transit; whether the prompt was queued is unknown.</exception>
    /// <exception cref="ComfyHttpException">ComfyUI answered another non-success status.</exception>
    public async Task<PromptAccepted> SubmitPromptAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await _submission.SubmitAsync(request, cancellationToken);
    }
}
