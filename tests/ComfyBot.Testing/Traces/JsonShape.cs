using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ComfyBot.Testing.Traces;

/// <summary>
/// Compares the structure of two JSON values: same keys and value kinds, recursively. Numbers match numbers
/// and strings match strings whatever their values; ids, timestamps and bytes therefore never matter.
/// Object keys that are uuids (history is keyed by prompt_id) are compared as "&lt;uuid&gt;". Arrays of equal
/// length compare position by position; otherwise every element must match the expected first element.
/// </summary>
public static partial class JsonShape
{
    /// <summary>Differences between <paramref name="expected"/> and <paramref name="actual"/>; empty when the shapes match.</summary>
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", differences);
        return differences;
    }

    /// <summary>True when the shapes match.</summary>
    public static bool Matches(JsonNode? expected, JsonNode? actual) => Differences(expected, actual).Count == 0;

    /// <summary>A short description of a shape, e.g. {a:number,b:[string]}, for messages.</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.Select(p => NormalizeKey(p.Key) + ":" + Describe(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Describe).Distinct()) + "]",
        JsonValue v => KindName(v.GetValueKind()),
        _ => "?",
    };

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        var expectedKind = Kind(expected);
        var actualKind = Kind(actual);
        if (expectedKind != actualKind)
        {
            differences.Add($"{path}: expected {expectedKind}, got {actualKind}");
            return;
        }

        switch (expected)
        {
            case JsonObject e:
            {
                var a = (JsonObject)actual!;
                var expectedKeys = e.ToDictionary(p => NormalizeKey(p.Key), p => p.Value);
                var actualKeys = a.ToDictionary(p => NormalizeKey(p.Key), p => p.Value);
                foreach (var missing in expectedKeys.Keys.Except(actualKeys.Keys))
                {
                    differences.Add($"{path}: missing key '{missing}'");
                }

                foreach (var extra in actualKeys.Keys.Except(expectedKeys.Keys))
                {
                    differences.Add($"{path}: unexpected key '{extra}'");
                }

                foreach (var key in expectedKeys.Keys.Intersect(actualKeys.Keys))
                {
                    Compare(expectedKeys[key], actualKeys[key], $"{path}.{key}", differences);
                }

                break;
            }

            case JsonArray e:
            {
                var a = (JsonArray)actual!;
                if (e.Count == 0 || a.Count == 0)
                {
                    break;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    Compare(e.Count == a.Count ? e[i] : e[0], a[i], $"{path}[{i}]", differences);
                }

                break;
            }
        }
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => KindName(v.GetValueKind()),
        _ => "?",
    };

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => "?",
    };

    private static string NormalizeKey(string key) => UuidPattern().IsMatch(key) ? "<uuid>" : key;

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex UuidPattern();
}
