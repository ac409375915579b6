using ComfyBot.Core.Moderation;

namespace ComfyBot.Core.Running;

public sealed partial class JobService
{
    /// <summary>
    /// The channel rules and prompt filter every submission passes, whichever way it came; null for none. Set it
    /// when creating the service.
    /// </summary>
    public ModerationGate? Moderation
    {
        get => _admission.Moderation;
        init => _admission.Moderation = value;
    }
}
