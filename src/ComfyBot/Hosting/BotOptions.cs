using ComfyBot.Core.Backends;
using ComfyBot.Core.Moderation;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Running;
using ComfyBot.Core.Store;
using ComfyBot.Replies;
using ComfyBot.Telemetry;

namespace ComfyBot.Hosting;

/// <summary>
/// Everything the bot reads from configuration section <c>ComfyBot</c> (appsettings.json, environment variables
/// such as <c>ComfyBot__Discord__Token</c>, user secrets). Reuses the options classes of Core and the view.
/// </summary>
internal sealed class BotOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ComfyBot";

    /// <summary>This bot's name in ComfyUI client ids (<c>comfybot-&lt;instance&gt;-&lt;scope&gt;</c>). <value>main.</value></summary>
    public string Instance { get; set; } = "main";

    /// <summary>What a ComfyUI client id is shared by; overrides <c>Jobs:ScopeBy</c> when set. <value>Channel.</value></summary>
    public ScopeKeyKind? ScopeBy { get; set; }

    /// <summary>Discord connection and registration.</summary>
    public DiscordSettings Discord { get; set; } = new();

    /// <summary>The optional HTTP port: health, metrics and (Http mode) interactions.</summary>
    public HttpSettings Http { get; set; } = new();

    /// <summary>The console log's format and level.</summary>
    public LoggingSettings Logging { get; set; } = new();

    /// <summary>OpenTelemetry's OTLP export of metrics and traces.</summary>
    public TelemetrySettings Telemetry { get; set; } = new();

    /// <summary>The ComfyUI servers.</summary>
    public List<BackendOptions> Backends { get; set; } = [];

    /// <summary>The workflow templates members can run; empty offers the built-in SD1.5 txt2img as <c>txt2img</c>.</summary>
    public List<TemplateSettings> Templates { get; set; } = [];

    /// <summary>
    /// Job running settings. A reply's first edit waits 0.3 s (Jobs:Reply:FirstEditDelay), so a job that ends at once
    /// shows its result as the first edit rather than a queued state and, one edit interval later, the result.
    /// </summary>
    public JobServiceOptions Jobs { get; set; } = new() { Reply = { FirstEditDelay = TimeSpan.FromSeconds(0.3) } };

    /// <summary>Bans, channels, limits, weights and admins.</summary>
    public JobPolicyOptions Policy { get; set; } = new();

    /// <summary>The SQLite job store.</summary>
    public JobStoreOptions Store { get; set; } = new();

    /// <summary>Health checks of the backends.</summary>
    public BackendMonitorOptions BackendMonitor { get; set; } = new();

    /// <summary>How replies move to a channel message before their token expires.</summary>
    public DiscordJobViewOptions Reply { get; set; } = new();

    /// <summary>The prompt filter and the per-channel rules (templates, NSFW, spoilers).</summary>
    public ModerationOptions Moderation { get; set; } = new();

    /// <summary>The Jobs options with <see cref="ScopeBy"/> applied.</summary>
    public JobServiceOptions EffectiveJobs()
    {
        if (ScopeBy is { } scope)
        {
            Jobs.ScopeBy = scope;
        }

        return Jobs;
    }
}
