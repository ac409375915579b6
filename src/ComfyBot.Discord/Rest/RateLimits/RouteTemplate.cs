namespace ComfyBot.Discord.Rest.RateLimits;

/// <summary>A route without its major value: the unit to which Discord assigns a bucket hash.</summary>
internal readonly record struct RouteTemplate(HttpMethod Method, string Template);
