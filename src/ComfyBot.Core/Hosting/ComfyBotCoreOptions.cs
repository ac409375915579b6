using ComfyBot.Core.Backends;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;

namespace ComfyBot.Core.Hosting;

/// <summary>
/// What Core's start-up makes its objects from. The host binds and validates them (with its own keys) and hands them
/// to <see cref="CoreServiceCollectionExtensions.AddComfyBotCore"/>.
/// </summary>
public sealed class ComfyBotCoreOptions
{
    /// <summary>This bot's name in ComfyUI client ids (<c>comfybot-&lt;instance&gt;-&lt;scope&gt;</c>).</summary>
    public string Instance { get; init; } = "main";

    /// <summary>The ComfyUI servers.</summary>
    public IReadOnlyList<BackendOptions> Backends { get; init; } = [];

    /// <summary>Health checks of the backends.</summary>
    public BackendMonitorOptions BackendMonitor { get; init; } = new();

    /// <summary>Bans, channels, limits, weights and admins.</summary>
    public JobPolicyOptions Policy { get; init; } = new();

    /// <summary>Job running settings.</summary>
    public JobServiceOptions Jobs { get; init; } = new();

    /// <summary>The SQLite job store and how long finished jobs are kept.</summary>
    public JobStoreOptions Store { get; init; } = new();

    /// <summary>The prompt filter and the per-channel rules (templates, NSFW, spoilers).</summary>
    public ModerationOptions Moderation { get; init; } = new();
}
