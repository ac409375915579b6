using ComfyBot.Discord.Rest.RateLimits;

namespace ComfyBot.Discord.Rest;

/// <summary>
/// One call: its rate-limit route, the relative path (with query) and a factory for the body, because a retried
/// request needs fresh <see cref="HttpContent"/>. Routes addressed by an interaction token carry no bot token
/// and are exempt from the global limit.
/// </summary>
internal sealed record RestRequest(Route Route, string Path, Func<HttpContent>? Content, bool UsesBotToken)
{
    /// <summary>How the route appears in logs and errors: method and template, no ids or tokens.</summary>
    public string Describe() => $"{Route.Method.Method} {Route.Template}";
}
