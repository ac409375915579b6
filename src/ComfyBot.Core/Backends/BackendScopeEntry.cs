using ComfyBot.Comfy.Streaming;
using ComfyBot.Comfy.Tracking;

namespace ComfyBot.Core.Backends;

/// <summary>One open scope on a backend; its lease count and idle time are guarded by the lock of its <see cref="BackendScopes"/>.</summary>
internal sealed class BackendScopeEntry(string scopeKey, ComfyEventStream events, JobTracker tracker)
{
    public string ScopeKey { get; } = scopeKey;

    public ComfyEventStream Events { get; } = events;

    public JobTracker Tracker { get; } = tracker;

    public int Leases { get; set; }

    public DateTimeOffset IdleSince { get; set; }
}
