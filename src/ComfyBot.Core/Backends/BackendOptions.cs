using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tracking;

namespace ComfyBot.Core.Backends;

/// <summary>One ComfyUI server the bot may use, as configured (<c>ComfyBot:Backends:N:...</c>).</summary>
public sealed class BackendOptions
{
    /// <summary>A short name shown to admins and stored with jobs, e.g. <c>gpu-1</c>: letters, digits, '-' and '_'.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:8188/</c>; a path prefix is kept.</summary>
    public Uri? Url { get; set; }

    /// <summary>How many of the bot's jobs may sit on this server's queue at once. Default 2.</summary>
    public int MaxInFlight { get; set; } = 2;

    /// <summary>A relative share of the work for schedulers that balance by weight. Default 1.</summary>
    public double Weight { get; set; } = 1;

    /// <summary>
    /// Headers sent on every HTTP call and on the WebSocket upgrade, e.g. <c>Authorization</c> for a server behind an
    /// authenticating proxy. Values are secrets: they never reach logs or messages.
    /// </summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How long a health check (GET /system_stats and /queue) may take before the backend counts as down. Kept short
    /// so that one hung server does not hold up the checks of the others. Default 10 seconds.
    /// </summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an event stream with no user stays open before it is closed. Default 5 minutes.</summary>
    public TimeSpan ScopeIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeouts and retries of the HTTP client.</summary>
    public ComfyClientOptions Http { get; set; } = new();

    /// <summary>Reconnect delays of the event streams (their headers come from <see cref="Headers"/>).</summary>
    public ComfyEventStreamOptions Events { get; set; } = new();

    /// <summary>Watchdog and history settings of the job trackers.</summary>
    public JobTrackerOptions Tracking { get; set; } = new();

    /// <summary>Every problem with these settings, each naming its key and the fix; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var key = string.IsNullOrEmpty(Name) ? "ComfyBot:Backends:<n>" : $"ComfyBot:Backends:{Name}";
        var errors = new List<string>();
        if (!BackendNames.IsValid(Name))
        {
            errors.Add($"{key}:Name is '{Name}'; give a short name of letters, digits, '-' or '_' (e.g. gpu-1).");
        }

        if (Url is null || !Url.IsAbsoluteUri || Url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{key}:Url is '{Url}'; set the ComfyUI server's absolute http(s) address (e.g. http://127.0.0.1:8188/).");
        }
        else if (!string.IsNullOrEmpty(Url.UserInfo))
        {
            // The address shows up in logs and errors; credentials in it would leak.
            errors.Add($"{key}:Url carries credentials; remove them from the address and put an Authorization entry in {key}:Headers.");
        }

        if (MaxInFlight is < 1 or > 64)
        {
            errors.Add($"{key}:MaxInFlight is {MaxInFlight}; set it between 1 and 64 (default 2).");
        }

        if (!double.IsFinite(Weight) || Weight <= 0 || Weight > 1000)
        {
            errors.Add($"{key}:Weight is {Weight}; set a number above 0 and at most 1000 (default 1).");
        }

        foreach (var name in Headers.Keys)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                errors.Add($"{key}:Headers has the header name '{name}'; use a plain HTTP header name (e.g. Authorization).");
            }
        }

        if (ScopeIdleTimeout < TimeSpan.FromSeconds(1) || ScopeIdleTimeout > TimeSpan.FromDays(1))
        {
            errors.Add($"{key}:ScopeIdleTimeout is {ScopeIdleTimeout}; set it between 00:00:01 and 1.00:00:00 (default 00:05:00).");
        }

        if (HealthCheckTimeout < TimeSpan.FromMilliseconds(100) || HealthCheckTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{key}:HealthCheckTimeout is {HealthCheckTimeout}; set it between 00:00:00.100 and 00:05:00 (default 00:00:10).");
        }

        errors.AddRange(Http.Validate($"{key}:Http"));
        errors.AddRange(Events.Validate($"{key}:Events"));
        errors.AddRange(Tracking.Validate($"{key}:Tracking"));
        return errors;
    }
}
