namespace ComfyBot.Discord.Rest.RateLimits;

/// <summary>
/// One REST route as the rate limiter sees it: method, path template and the value of its major parameter
/// (channel, guild, or webhook id plus a digest of the webhook token). Two requests with equal routes always
/// share a bucket; different routes share one only when Discord reports the same bucket hash.
/// </summary>
/// <param name="Method">The HTTP method; Discord limits some routes per method.</param>
/// <param name="Template">The path template, e.g. <c>/channels/{channel_id}/messages</c>.</param>
/// <param name="MajorParameter">The major parameter's value, or null for routes without one. Never a raw token.</param>
internal sealed record Route(HttpMethod Method, string Template, string? MajorParameter)
{
    /// <summary>The key under which a learnt bucket hash applies to every major value of this route.</summary>
    public RouteTemplate TemplateKey => new(Method, Template);
}
