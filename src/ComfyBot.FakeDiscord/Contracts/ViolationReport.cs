using Json.Schema;

namespace ComfyBot.FakeDiscord.Contracts;

/// <summary>
/// Turns a failed evaluation into the violations worth reading: the errors of the fields at fault. Where a union
/// (<c>anyOf</c>/<c>oneOf</c>) matched no branch, only the branch that came closest is described (the one that
/// got deepest into the body, then the one with fewest errors): listing every branch's errors buries the culprit
/// under "expected null" and "expected a select menu" for each alternative the body never meant.
/// </summary>
internal static class ViolationReport
{
    public static List<ContractViolation> Describe(string operation, EvaluationResults root)
    {
        var found = Errors(root);
        if (found.Count == 0)
        {
            found.Add(new Error(root.InstanceLocation.ToString(), "schema", "the body does not match the operation's schema"));
        }

        return [.. found.Distinct().Select(f => new ContractViolation(operation, f.Pointer, $"{f.Keyword}: {f.Message}"))];
    }

    private static List<Error> Errors(EvaluationResults node)
    {
        if (node.IsValid)
        {
            return [];
        }

        var children = node.Details ?? [];
        var unions = new Dictionary<string, List<EvaluationResults>>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            if (UnionOf(child) is { } union)
            {
                (unions.TryGetValue(union, out var list) ? list : unions[union] = []).Add(child);
            }
        }

        // A union with a valid branch passed; its failed branches are alternatives the body did not take.
        var failed = unions.Values.Where(branches => branches.All(b => !b.IsValid)).ToList();
        var result = new List<Error>();
        foreach (var child in children)
        {
            // Once a union failed, unevaluatedProperties beside it flags every field the union would have
            // evaluated: noise, the union's closest branch says what was wrong.
            var afterFailedUnion = failed.Count > 0 && child.EvaluationPath.ToString().EndsWith("/unevaluatedProperties", StringComparison.Ordinal);
            if (!child.IsValid && UnionOf(child) is null && !afterFailedUnion)
            {
                result.AddRange(Errors(child));
            }
        }

        foreach (var branches in failed)
        {
            result.AddRange(branches.Select(Errors).Where(e => e.Count > 0)
                .OrderBy(e => e.Any(IsDiscriminatorMismatch))
                .ThenByDescending(e => e.Max(x => Depth(x.Pointer)))
                .ThenBy(e => e.Count)
                .FirstOrDefault() ?? []);
        }

        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            // A union's own "no branch matched" adds nothing once its closest branch is described.
            if (keyword is "allOf" or "$ref" || keyword is "anyOf" or "oneOf" && failed.Count > 0)
            {
                continue;
            }

            var name = keyword.Length > 0 ? keyword : LastSegment(node.EvaluationPath.ToString());
            var text = name == "unevaluatedProperties" ? "not a field of this object in Discord's schema" : message;
            result.Add(new Error(node.InstanceLocation.ToString(), name, text));
        }

        return result;
    }

    /// <summary>A branch whose <c>type</c> does not match is another kind of object (a select menu, not a button).</summary>
    private static bool IsDiscriminatorMismatch(Error error) =>
        error.Keyword is "enum" or "const" && error.Pointer.EndsWith("/type", StringComparison.Ordinal);

    private static string LastSegment(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>The union a child result is a branch of: its evaluation path ends in <c>/anyOf/n</c> or <c>/oneOf/n</c>.</summary>
    private static string? UnionOf(EvaluationResults child)
    {
        var path = child.EvaluationPath.ToString();
        var last = path.LastIndexOf('/');
        if (last <= 0 || !int.TryParse(path.AsSpan(last + 1), out _))
        {
            return null;
        }

        var parent = path[..last];
        return LastSegment(parent) is "anyOf" or "oneOf" ? parent : null;
    }

    private static int Depth(string pointer) => pointer.Count(c => c == '/');

    private readonly record struct Error(string Pointer, string Keyword, string Message);
}
