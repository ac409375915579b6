using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;

namespace ComfyBot.Core.Running;

/// <summary>Either the stored, queued job or the policy's refusal (then nothing was stored).</summary>
public sealed record SubmitResult(Job? Job, PolicyRefusal? Refusal)
{
    /// <summary>True when the job was stored and queued.</summary>
    public bool IsQueued => Job is not null;
}
