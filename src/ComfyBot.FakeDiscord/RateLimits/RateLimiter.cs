using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ComfyBot.FakeDiscord.Contracts;

namespace ComfyBot.FakeDiscord.RateLimits;

/// <summary>
/// Discord-like REST limits: fixed-window buckets per route group and major parameter (channel, guild, webhook +
/// token, interaction), one global window per bot, and scripted 429s/5xx. Every request gets the X-RateLimit
/// headers; 429s the limiter had to enforce are counted apart from scripted ones.
/// </summary>
internal sealed class RateLimiter(RateLimitOptions options, TimeProvider time)
{
    private static readonly TimeSpan GlobalWindow = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly Dictionary<string, RateLimitBucket> buckets = new(StringComparer.Ordinal);
    private readonly List<ScriptedFault> scripted = [];
    private readonly RateLimitBucket global = new("global", options.GlobalPerSecond, GlobalWindow);

    public int UnplannedRateLimited { get; private set; }

    public int ScriptedRateLimited { get; private set; }

    public int ScriptedServerErrors { get; private set; }

    public void Script(ScriptedFault fault)
    {
        lock (gate)
        {
            scripted.Add(fault);
        }
    }

    /// <summary>The headers of the request's bucket without using it up (for answers that come before the limiter, like 401).</summary>
    public IReadOnlyDictionary<string, string> Peek(OperationMatch match)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            return Headers(BucketFor(match, now, out _), now);
        }
    }

    public RateLimitDecision Decide(OperationMatch match)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            var bucket = BucketFor(match, now, out var exempt);
            global.Roll(now);
            var fault = scripted.FirstOrDefault(f => f.TryUse(match.Operation));
            if (fault is not null)
            {
                return Scripted(fault, bucket, now);
            }

            var routeWait = bucket.WaitFor(now);
            var globalWait = exempt ? TimeSpan.Zero : global.WaitFor(now);
            if (options.Enforce && (routeWait > TimeSpan.Zero || globalWait > TimeSpan.Zero))
            {
                UnplannedRateLimited++;
                var isGlobal = globalWait > routeWait;
                return Refuse(bucket, now, isGlobal ? globalWait : routeWait, isGlobal ? RateLimitScope.Global : RateLimitScope.User, scripted: false);
            }

            bucket.Take();
            if (!exempt)
            {
                global.Take();
            }

            return new RateLimitDecision(Headers(bucket, now));
        }
    }

    private RateLimitDecision Scripted(ScriptedFault fault, RateLimitBucket bucket, DateTimeOffset now)
    {
        if (fault.Status != 429)
        {
            ScriptedServerErrors++;
            return new RateLimitDecision(Headers(bucket, now)) { RefuseWith = fault.Status, Scripted = true };
        }

        ScriptedRateLimited++;
        // A well-behaved client waits retry_after; one that does not meets a real (unplanned) 429.
        var target = fault.Scope == RateLimitScope.Global ? global : bucket;
        target.BlockedUntil = now + fault.RetryAfter;
        return Refuse(bucket, now, fault.RetryAfter, fault.Scope, scripted: true);
    }

    private RateLimitBucket BucketFor(OperationMatch match, DateTimeOffset now, out bool exempt)
    {
        var (group, major, limit, window, isExempt) = Classify(match);
        exempt = isExempt;
        var key = group + "|" + major;
        if (!buckets.TryGetValue(key, out var bucket))
        {
            bucket = new RateLimitBucket(Hash(group), limit, window);
            buckets[key] = bucket;
        }

        bucket.Roll(now);
        return bucket;
    }

    private static RateLimitDecision Refuse(RateLimitBucket bucket, DateTimeOffset now, TimeSpan retryAfter, RateLimitScope scope, bool scripted)
    {
        var headers = Headers(bucket, now);
        headers["X-RateLimit-Scope"] = scope.ToString().ToLowerInvariant();
        headers["Retry-After"] = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        if (scope == RateLimitScope.Global)
        {
            headers["X-RateLimit-Global"] = "true";
        }
        else
        {
            headers["X-RateLimit-Remaining"] = "0";
        }

        return new RateLimitDecision(headers) { RefuseWith = 429, RetryAfter = retryAfter, Scope = scope, Scripted = scripted };
    }

    private static Dictionary<string, string> Headers(RateLimitBucket bucket, DateTimeOffset now)
    {
        var resetAfter = bucket.ResetAt - now;
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-RateLimit-Limit"] = bucket.Limit.ToString(CultureInfo.InvariantCulture),
            // Counted as if this request went through; a refused one leaves the bucket as it was.
            ["X-RateLimit-Remaining"] = bucket.Remaining.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Reset"] = (bucket.ResetAt.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture),
            ["X-RateLimit-Reset-After"] = Math.Max(0, resetAfter.TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture),
            ["X-RateLimit-Bucket"] = bucket.Hash,
        };
    }

    private (string Group, string Major, int Limit, TimeSpan Window, bool Exempt) Classify(OperationMatch match)
    {
        var p = match.Parameters;
        var read = match.Method == "get";
        if (p.TryGetValue("interaction_id", out var interaction))
        {
            return ("interaction-callback", interaction, options.MessagesPerWindow, options.MessageWindow, true);
        }

        if (p.TryGetValue("webhook_token", out var token))
        {
            // Major parameter is webhook id + token; only a digest of the token is kept as a key.
            var major = p["webhook_id"] + ":" + Hash(token);
            return read
                ? ("webhook-read", major, options.OtherPerWindow, options.OtherWindow, true)
                : ("webhook-write", major, options.MessagesPerWindow, options.MessageWindow, true);
        }

        if (p.TryGetValue("channel_id", out var channel) && match.Template.StartsWith("/channels/{channel_id}/messages", StringComparison.Ordinal))
        {
            return read
                ? ("channel-messages-read", channel, options.OtherPerWindow, options.OtherWindow, false)
                : ("channel-messages-write", channel, options.MessagesPerWindow, options.MessageWindow, false);
        }

        var top = p.TryGetValue("channel_id", out var c) ? c : p.TryGetValue("guild_id", out var g) ? g : "";
        return (match.Operation, top, options.OtherPerWindow, options.OtherWindow, false);
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
}
