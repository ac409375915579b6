using System.Text.Json;

namespace ComfyBot.Testing.Traces;

/// <summary>
/// Reads the ComfyUI recordings in tests/fixtures/comfy/traces. Usage:
/// <c>TraceReader.Read("02_txt2img")</c> for one scenario's records in <c>seq</c> order,
/// <c>TraceReader.Scenarios()</c> for every scenario name, <c>TraceReader.ReadSaved(record)</c> for the raw
/// bytes of a saved binary frame.
/// </summary>
public static class TraceReader
{
    /// <summary>The scenario names (file names without .jsonl), in order: 01_connect ... 11_ws_reconnect.</summary>
    public static IReadOnlyList<string> Scenarios() =>
        [.. Directory.EnumerateFiles(TracesDirectory, "*.jsonl").Select(f => System.IO.Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    /// <summary>The folder holding the traces.</summary>
    public static string TracesDirectory => RepositoryFixtures.FixturePath("comfy", "traces");

    /// <summary>Reads one scenario (name with or without .jsonl), sorted by <c>seq</c>.</summary>
    /// <exception cref="InvalidDataException">A line is not valid JSON or lacks seq/kind; the message names the line.</exception>
    public static IReadOnlyList<TraceRecord> Read(string scenario)
    {
        ArgumentException.ThrowIfNullOrEmpty(scenario);
        var file = scenario.EndsWith(".jsonl", StringComparison.Ordinal) ? scenario : scenario + ".jsonl";
        var path = RepositoryFixtures.FixturePath("comfy", "traces", file);
        var records = new List<TraceRecord>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                records.Add(new TraceRecord(document.RootElement.Clone()));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{file} line {number} is not a trace record ({ex.Message}); each line must be a JSON object with seq and kind.", ex);
            }
        }

        records.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return records;
    }

    /// <summary>The bytes of a record's <c>saved</c> file (e.g. a raw binary frame).</summary>
    /// <exception cref="InvalidOperationException">The record has no saved file.</exception>
    public static byte[] ReadSaved(TraceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Saved is null)
        {
            throw new InvalidOperationException($"Trace record {record} has no 'saved' file; only some binary frames and bodies were saved.");
        }

        return File.ReadAllBytes(System.IO.Path.Combine(TracesDirectory, record.Saved));
    }
}
