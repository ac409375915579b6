using System.Text.Json;
using ComfyBot.FakeDiscord.Contracts;
using ComfyBot.FakeDiscord.RateLimits;
using ComfyBot.FakeDiscord.Rest;

namespace ComfyBot.FakeDiscord;

/// <summary>What tests read and script: contract violations, requests, counters, commands, REST faults.</summary>
public sealed partial class FakeDiscordServer
{
    /// <summary>Every contract violation recorded so far (bodies that broke openapi.json).</summary>
    public IReadOnlyList<ContractViolation> ContractViolations => state.Violations;

    /// <summary>
    /// Fields of accepted bodies that Discord's schema does not list (a misspelt <c>contnet</c>, an invented flag).
    /// Discord drops them silently, so the fake accepts them too; a bot's tests may assert this list is empty.
    /// </summary>
    public IReadOnlyList<ContractViolation> UndocumentedFields => state.Undocumented;

    /// <summary>Every REST request answered, in order (operation templates only: no tokens).</summary>
    public IReadOnlyList<RecordedRequest> Requests => state.Requests;

    /// <summary>A snapshot of the counters.</summary>
    public FakeDiscordCounters Counters => new(
        Requests: state.Requests.Count,
        UnplannedRateLimited: state.Limiter.UnplannedRateLimited,
        ScriptedRateLimited: state.Limiter.ScriptedRateLimited,
        ScriptedServerErrors: state.Limiter.ScriptedServerErrors,
        ContractViolations: state.ViolatingRequests,
        Identifies: hub.IdentifyCount,
        Resumes: hub.ResumeCount,
        GatewayConnections: hub.ConnectionCount,
        Heartbeats: hub.HeartbeatCount);

    /// <summary>Bulk overwrites (PUT) of commands received; a bot should only PUT when its definitions changed.</summary>
    public int CommandOverwriteCount => state.Commands.OverwriteCount;

    /// <summary>Throws <see cref="ContractViolationException"/> listing every violation, failing the test that caused one.</summary>
    public void AssertNoContractViolations()
    {
        var violations = state.Violations;
        if (violations.Count > 0)
        {
            throw new ContractViolationException(violations);
        }
    }

    /// <summary>Forgets recorded violations (after a test provoked one on purpose).</summary>
    public void ClearContractViolations() => state.ClearViolations();

    /// <summary>The commands stored by the last PUT, as Discord returns them (with ids); <paramref name="guildId"/> null for global.</summary>
    public IReadOnlyList<JsonElement> GetCommands(ulong? guildId = null)
    {
        using var document = JsonDocument.Parse(state.Commands.Get(guildId ?? 0).ToJsonString());
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>
    /// Answers the next <paramref name="times"/> requests to <paramref name="operation"/> (e.g.
    /// <c>"PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original"</c>, null for any) with a 429 of the
    /// given scope. The bucket (or, for global, every route) stays closed for <paramref name="retryAfter"/>
    /// (default 1 s); a request inside that time gets a real, unplanned 429.
    /// </summary>
    public void ScriptRateLimit(string? operation, int times = 1, RateLimitScope scope = RateLimitScope.User, TimeSpan? retryAfter = null) =>
        faults.RateLimit(operation, times, scope, retryAfter);

    /// <summary>Answers the next <paramref name="times"/> requests to <paramref name="operation"/> (null: any) with <paramref name="status"/> (500-599).</summary>
    public void ScriptServerError(string? operation, int times = 1, int status = 502) => faults.ServerError(operation, times, status);
}
