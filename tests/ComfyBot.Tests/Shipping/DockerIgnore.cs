using System.Text.RegularExpressions;

namespace ComfyBot.Tests.Shipping;

/// <summary>
/// .dockerignore as Docker reads it: patterns relative to the context root, '**' for any number of folders, '*' within
/// one name, '!' re-including, the last matching line deciding; a pattern matching a folder excludes what is under it.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Include)> rules = [];

    public DockerIgnore(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var include = line.StartsWith('!');
            var pattern = (include ? line[1..] : line).Trim().Trim('/');
            var regex = "^" + Regex.Escape(pattern)
                .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                .Replace(@"\*\*", ".*", StringComparison.Ordinal)
                .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
                .Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$";
            rules.Add((new Regex(regex, RegexOptions.CultureInvariant), include));
        }
    }

    /// <summary>Whether the file at <paramref name="path"/> (relative, '/'-separated) is left out of the build context.</summary>
    public bool Excludes(string path)
    {
        var excluded = false;
        foreach (var (pattern, include) in rules)
        {
            if (Prefixes(path).Any(pattern.IsMatch))
            {
                excluded = !include;
            }
        }

        return excluded;
    }

    private static IEnumerable<string> Prefixes(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }

        yield return path;
    }
}
