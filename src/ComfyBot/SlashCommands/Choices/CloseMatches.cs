namespace ComfyBot.SlashCommands.Choices;

/// <summary>
/// The listed values nearest to one a member typed: those containing it (or contained in it) first, then those within a
/// few edits, ignoring case, so "dpmpp2m" finds dpmpp_2m and "sdxl_base" finds sdxl/sd_xl_base_1.0.safetensors.
/// </summary>
internal static class CloseMatches
{
    /// <summary>Up to <paramref name="max"/> of <paramref name="candidates"/>, nearest first.</summary>
    public static IReadOnlyList<string> Of(string typed, IEnumerable<string> candidates, int max = 5)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(candidates);
        var wanted = Fold(typed);
        if (wanted.Length == 0)
        {
            return [];
        }

        // A third of the length in edits, at least 2: a typo or two, never a different word.
        var allowed = Math.Max(2, wanted.Length / 3);
        return
        [
            .. candidates
                .Distinct(StringComparer.Ordinal)
                .Select(c => (Value: c, Score: Score(wanted, Fold(c), allowed)))
                .Where(c => c.Score is not null)
                .OrderBy(c => c.Score)
                .ThenBy(c => c.Value.Length)
                .ThenBy(c => c.Value, StringComparer.Ordinal)
                .Take(max)
                .Select(c => c.Value),
        ];
    }

    /// <summary>0 when one contains the other, 1 + edits when within <paramref name="allowed"/> edits, else null.</summary>
    private static int? Score(string wanted, string candidate, int allowed)
    {
        if (candidate.Contains(wanted, StringComparison.Ordinal) || (candidate.Length > 0 && wanted.Contains(candidate, StringComparison.Ordinal)))
        {
            return 0;
        }

        // A file is matched on its name too, without folder and extension ("sd_xl_base_1.0" for "sdxl/sd_xl_base_1.0.safetensors").
        var stem = Stem(candidate);
        var distance = Math.Min(Distance(wanted, candidate), Distance(wanted, stem));
        return distance <= allowed ? 1 + distance : null;
    }

    private static string Stem(string value)
    {
        var slash = value.LastIndexOf('/');
        var name = slash < 0 ? value : value[(slash + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    /// <summary>Lower case, without the separators people leave out or swap (_ - space).</summary>
    private static string Fold(string value) =>
        string.Concat(value.Trim().ToLowerInvariant().Where(c => c is not ('_' or '-' or ' ')));

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
