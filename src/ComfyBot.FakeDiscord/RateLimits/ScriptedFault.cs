namespace ComfyBot.FakeDiscord.RateLimits;

/// <summary>A planned failure: answer the next <see cref="Remaining"/> matching requests with a 429 or a 5xx.</summary>
internal sealed class ScriptedFault(string? operation, int times, int status, RateLimitScope scope, TimeSpan retryAfter)
{
    /// <summary>Lower-case "method /template"; null matches every route.</summary>
    public string? Operation { get; } = operation;

    public int Remaining { get; private set; } = times;

    public int Status { get; } = status;

    public RateLimitScope Scope { get; } = scope;

    public TimeSpan RetryAfter { get; } = retryAfter;

    public bool TryUse(string operation)
    {
        if (Remaining <= 0 || (Operation is not null && Operation != operation))
        {
            return false;
        }

        Remaining--;
        return true;
    }
}
