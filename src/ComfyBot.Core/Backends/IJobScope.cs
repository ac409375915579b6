using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Tracking;

namespace ComfyBot.Core.Backends;

/// <summary>A lease on one scope (channel or member) of a backend: submit and follow its prompts; dispose to give it back.</summary>
public interface IJobScope : IDisposable
{
    /// <summary>The client id sent with prompts and on the socket.</summary>
    string ClientId { get; }

    /// <summary>Submits a prompt and follows it.</summary>
    Task<TrackedJob> SubmitAsync(PromptRequest request, CancellationToken cancellationToken);

    /// <summary>Follows a prompt submitted earlier (by a run of the bot before a restart).</summary>
    TrackedJob Track(string promptId);
}
