namespace ComfyBot.FakeDiscord.Contracts;

/// <summary>A concrete request path matched to the spec's templated path.</summary>
/// <param name="Method">Lower-case HTTP method, as OpenAPI spells it.</param>
/// <param name="Template">The spec's path template, e.g. <c>/channels/{channel_id}/messages</c>.</param>
/// <param name="Parameters">Path parameter values by their spec names.</param>
internal sealed record OperationMatch(string Method, string Template, IReadOnlyDictionary<string, string> Parameters)
{
    public string Operation => $"{Method} {Template}";

    public string this[string name] => Parameters[name];
}
