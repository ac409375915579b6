using ComfyBot.FakeDiscord.Contracts;

namespace ComfyBot.FakeDiscord.RateLimits;

/// <summary>
/// Turns a test's request for a REST fault into a <see cref="ScriptedFault"/> on the limiter: the operation must
/// be one of Discord's, written as the spec writes it, and the counts, statuses and waits must make sense, so a
/// typo fails the test that made it instead of scripting a fault that never fires.
/// </summary>
internal sealed class FaultScript(OpenApiContract contract, RateLimiter limiter)
{
    public void RateLimit(string? operation, int times, RateLimitScope scope, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        var wait = retryAfter ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero, nameof(retryAfter));
        limiter.Script(new ScriptedFault(NormalizeOperation(operation), times, 429, scope, wait));
    }

    public void ServerError(string? operation, int times, int status)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        if (status is < 500 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A scripted server error needs a 5xx status, e.g. 500 or 502; use ScriptRateLimit for 429.");
        }

        limiter.Script(new ScriptedFault(NormalizeOperation(operation), times, status, RateLimitScope.User, TimeSpan.Zero));
    }

    private string? NormalizeOperation(string? operation)
    {
        if (operation is null)
        {
            return null;
        }

        var space = operation.IndexOf(' ', StringComparison.Ordinal);
        var method = space > 0 ? operation[..space] : "";
        var template = space > 0 ? operation[(space + 1)..].Trim() : "";
        var match = contract.Match(method, template);
        if (match is null || match.Template != template)
        {
            throw new ArgumentException(
                $"'{operation}' is not an operation of Discord's API; write the method and the spec's template, e.g. \"PATCH /channels/{{channel_id}}/messages/{{message_id}}\".",
                nameof(operation));
        }

        return match.Operation;
    }
}
