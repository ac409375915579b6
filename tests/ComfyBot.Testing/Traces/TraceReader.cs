using System.Text.Json.Nodes;

namespace ComfyBot.Testing.Traces;

/// <summary>Reads the ComfyUI recordings under tests/fixtures/comfy/traces.</summary>
public static class TraceReader
{
    /// <summary>Reads a trace by file name, e.g. "02_txt2img" or "02_txt2img.jsonl", in seq order.</summary>
    public static IReadOnlyList<TraceRecord> Read(string name)
    {
        var file = name.EndsWith(".jsonl", StringComparison.Ordinal) ? name : name + ".jsonl";
        var path = RepositoryFixtures.FixturePath("comfy", "traces", file);
        var records = new List<TraceRecord>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (JsonNode.Parse(line) is not JsonObject obj)
            {
                throw new InvalidDataException($"{file} line {lineNumber}: expected a JSON object per line.");
            }

            records.Add(new TraceRecord(
                obj["seq"]?.GetValue<long>() ?? 0,
                obj["t"]?.GetValue<double>() ?? 0,
                obj["kind"]?.GetValue<string>() ?? throw new InvalidDataException($"{file} line {lineNumber}: record has no 'kind'."),
                obj["client"]?.GetValue<string>(),
                obj["conn"]?.GetValue<string>(),
                obj["type"]?.GetValue<string>(),
                obj["raw"]?.GetValue<string>(),
                obj["method"]?.GetValue<string>(),
                obj["path"]?.GetValue<string>(),
                obj["status"]?.GetValue<int>(),
                obj["json"],
                obj));
        }

        return [.. records.OrderBy(r => r.Seq)];
    }
}
