using System.Text.Json;

namespace ComfyBot.Tests.Shipping;

/// <summary>One Dockerfile instruction with its stage, flags (--from=...) and arguments (exec form or words).</summary>
internal sealed record DockerInstruction(string Keyword, string Text, int Stage, IReadOnlyDictionary<string, string> Flags, IReadOnlyList<string> Arguments)
{
    /// <summary>Parses the instructions of a Dockerfile: continuation lines joined, comments and blank lines dropped.</summary>
    public static IReadOnlyList<DockerInstruction> Parse(string dockerfile)
    {
        var logical = new List<string>();
        var current = string.Empty;
        foreach (var raw in dockerfile.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#') || (current.Length == 0 && string.IsNullOrWhiteSpace(line)))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            logical.Add((current + line).Trim());
            current = string.Empty;
        }

        var stage = -1;
        var instructions = new List<DockerInstruction>();
        foreach (var text in logical)
        {
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
            var rest = space < 0 ? string.Empty : text[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stage++;
            }

            var flags = new Dictionary<string, string>(StringComparer.Ordinal);
            while (keyword is "COPY" or "ADD" or "HEALTHCHECK" or "RUN" && rest.StartsWith("--", StringComparison.Ordinal))
            {
                var end = rest.IndexOf(' ', StringComparison.Ordinal);
                var flag = end < 0 ? rest : rest[..end];
                var eq = flag.IndexOf('=', StringComparison.Ordinal);
                flags[eq < 0 ? flag[2..] : flag[2..eq]] = eq < 0 ? string.Empty : flag[(eq + 1)..];
                rest = end < 0 ? string.Empty : rest[(end + 1)..].TrimStart();
            }

            IReadOnlyList<string> arguments = keyword == "HEALTHCHECK" && rest.StartsWith("CMD ", StringComparison.Ordinal)
                ? ["CMD", .. Words(rest[4..].TrimStart())]
                : Words(rest);
            instructions.Add(new DockerInstruction(keyword, rest, stage, flags, arguments));
        }

        return instructions;
    }

    private static string[] Words(string rest) =>
        rest.StartsWith('[')
            ? JsonSerializer.Deserialize<string[]>(rest, JsonSerializerOptions.Default) ?? []
            : rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
