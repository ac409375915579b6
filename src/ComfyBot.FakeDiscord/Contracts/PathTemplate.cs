namespace ComfyBot.FakeDiscord.Contracts;

/// <summary>One templated path of the spec, split into literal and parameter segments.</summary>
internal sealed class PathTemplate
{
    private readonly string[] segments;

    public PathTemplate(string template, IEnumerable<string> methods)
    {
        Template = template;
        Methods = methods.ToHashSet(StringComparer.Ordinal);
        segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        LiteralCount = segments.Count(s => !IsParameter(s));
    }

    public string Template { get; }

    public IReadOnlySet<string> Methods { get; }

    /// <summary>More literal segments = more specific: <c>/messages/@original</c> beats <c>/messages/{message_id}</c>.</summary>
    public int LiteralCount { get; }

    public int SegmentCount => segments.Length;

    public Dictionary<string, string>? TryMatch(string[] pathSegments)
    {
        if (pathSegments.Length != segments.Length)
        {
            return null;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Length; i++)
        {
            if (IsParameter(segments[i]))
            {
                parameters[segments[i][1..^1]] = pathSegments[i];
            }
            else if (!string.Equals(segments[i], pathSegments[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return parameters;
    }

    private static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';
}
