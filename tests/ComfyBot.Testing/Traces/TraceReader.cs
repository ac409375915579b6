using System.Text.Json.Nodes;

namespace ComfyBot.Testing.Traces;

/// <summary>Reads the ComfyUI recordings under tests/fixtures/comfy/traces.</summary>
public static class TraceReader
{
    /// <summary>The folder holding the traces.</summary>
    public static string TracesDirectory => RepositoryFixtures.FixturePath("comfy", "traces");

    /// <summary>The scenario names (file names without .jsonl), in order: 01_connect ... 11_ws_reconnect.</summary>
    public static IReadOnlyList<string> Scenarios() =>
        [.. Directory.EnumerateFiles(TracesDirectory, "*.jsonl").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    /// <summary>The bytes of a record's <c>saved</c> file (e.g. a raw binary frame).</summary>
    /// <exception cref="InvalidOperationException">The record has no saved file.</exception>
    public static byte[] ReadSaved(TraceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Saved is null)
        {
            throw new InvalidOperationException($"Trace record {record.Seq} ({record.Kind}) has no 'saved' file; only some binary frames and bodies were saved.");
        }

        return File.ReadAllBytes(Path.Combine(TracesDirectory, record.Saved));
    }

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
                Number(obj["seq"]) is { } seq ? (long)seq : 0,
                Number(obj["t"]) ?? 0,
                Text(obj["kind"]) ?? throw new InvalidDataException($"{file} line {lineNumber}: record has no 'kind'."),
                Text(obj["client"]),
                Text(obj["conn"]),
                Text(obj["type"]),
                Text(obj["raw"]),
                Text(obj["method"]),
                Text(obj["path"]),
                // Notes carry a textual "status" ("ok"); only http records have a numeric one.
                Number(obj["status"]) is { } status ? (int)status : null,
                obj["json"],
                obj));
        }

        return [.. records.OrderBy(r => r.Seq)];
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.GetValue<double>() : null;
}
