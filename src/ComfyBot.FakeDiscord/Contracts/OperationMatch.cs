namespace ComfyBot.FakeDiscord.Contracts;

/// <summary>A concrete request path matched to the spec's templated path.</summary>
/// <param name="Method">Lower-case HTTP method, as OpenAPI spells it.</param>
/// <param name="Template">The spec's path template, e.g. <c>/channels/{channel_id}/messages</c>.</param>
/// <param name="Parameters">Path parameter values by their spec names.</param>
internal sealed record OperationMatch(string Method, string Template, IReadOnlyDictionary<string, string> Parameters)
{
    // One instance per operation: every RecordedRequest keeps it, and a 10,000-job load run records 20,000 (issue 15).
    public string Operation { get; } = string.Intern($"{Method} {Template}");

    public string this[string name] => Parameters[name];
}
