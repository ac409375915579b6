using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ComfyBot.Testing.Traces;

namespace ComfyBot.Simulator.Tests.Support;

/// <summary>
/// What the real server sent in a recording, and the assertions that compare the simulator with it:
/// message types in order (runs of progress steps collapsed, since step counts and dropped frames depend
/// on timing) and the JSON shape of every message.
/// </summary>
internal static partial class Recorded
{
    private static readonly string[] AllTraces =
    [
        "01_connect", "02_txt2img", "03_cached", "04_queue", "05_delete_pending", "06_interrupt",
        "07_validation", "08_runtime_error", "09_info", "10_upload_img2img", "11_ws_reconnect",
    ];

    private static readonly Lazy<ILookup<string, JsonObject>> MessagesByType = new(() => AllTraces
        .SelectMany(TraceReader.Read)
        .Where(r => r.Kind == "ws_text")
        .Select(r => WithoutCurrentInputs(r.Message!))
        .ToLookup(m => m["type"]!.ToString()));

    private static readonly Lazy<List<JsonObject>> PreviewMetadata = new(() => [.. AllTraces
        .SelectMany(TraceReader.Read)
        .Where(r => r.Kind == "ws_binary" && r.BinaryEvent == 4)
        .Select(r => (JsonObject)r.Line["metadata"]!)]);

    /// <summary>The frame tokens a connection received in a trace, in order.</summary>
    public static IReadOnlyList<string> Tokens(string trace, string conn) =>
        [.. TraceReader.Read(trace)
            .Where(r => r.Conn == conn && r.Kind is "ws_text" or "ws_binary")
            .Select(r => r.Kind == "ws_text" ? r.Type! : "bin" + r.BinaryEvent)];

    /// <summary>The sequence with every run of progress steps (progress_state, [bin4], progress, [bin1]) collapsed to "STEPS".</summary>
    public static string Canonical(IEnumerable<string> tokens)
    {
        var joined = string.Join(",", tokens) + ",";
        return StepRun().Replace(joined, "STEPS,").TrimEnd(',');
    }

    /// <summary>Asserts the simulator sent the recorded sequence of message types to this connection.</summary>
    public static void AssertSequence(string trace, string conn, IEnumerable<Received> actual, int skipRecorded = 0, int takeRecorded = int.MaxValue)
    {
        var expected = Canonical(Tokens(trace, conn).Skip(skipRecorded).Take(takeRecorded));
        var got = Canonical(actual.Select(r => r.Token));
        Assert.True(expected == got, $"{trace} {conn}: message order differs.\nrecorded:  {expected}\nsimulator: {got}");
    }

    /// <summary>Asserts every JSON message has the shape of some recorded message of its type, and type-4 metadata that of recorded metadata.</summary>
    public static void AssertShapes(IEnumerable<Received> actual)
    {
        foreach (var frame in actual)
        {
            if (frame.Message is { } message)
            {
                if (frame.Type == "execution_error")
                {
                    // current_inputs is keyed by the failing node's inputs, which differ per workflow.
                    message = (JsonObject)message.DeepClone();
                    var inputs = message["data"]!["current_inputs"]!.AsObject();
                    Assert.All(inputs, p => Assert.IsType<JsonArray>(p.Value));
                    message["data"]!["current_inputs"] = new JsonObject();
                }

                var candidates = MessagesByType.Value[frame.Type].ToList();
                Assert.True(candidates.Count > 0, $"The recordings have no '{frame.Type}' message: {message.ToJsonString()}");
                AssertMatchesOne(candidates, message, frame.Type);
            }
            else if (frame.BinaryEvent == 4)
            {
                AssertMatchesOne(PreviewMetadata.Value, frame.Metadata!, "type-4 metadata");
                Assert.Equal([0xFF, 0xD8], frame.Image[..2]);
            }
            else
            {
                Assert.Equal(1, frame.BinaryEvent);
                Assert.True(frame.Image.Length > 2, "empty preview");
            }
        }
    }

    /// <summary>Asserts an HTTP JSON body has the shape of the recorded one.</summary>
    public static void AssertShape(JsonNode? expected, JsonNode? actual, string what)
    {
        var differences = JsonShape.Differences(expected, actual);
        Assert.True(differences.Count == 0, $"{what}: shape differs from the recording:\n  " + string.Join("\n  ", differences));
    }

    private static void AssertMatchesOne(List<JsonObject> candidates, JsonObject actual, string what)
    {
        var best = candidates.Select(c => JsonShape.Differences(c, actual)).OrderBy(d => d.Count).First();
        Assert.True(best.Count == 0, $"{what} has no recorded shape: {actual.ToJsonString()}\n  closest differs: " + string.Join("; ", best));
    }

    private static JsonObject WithoutCurrentInputs(JsonObject message)
    {
        if (message["type"]?.ToString() == "execution_error" && message["data"] is JsonObject data)
        {
            data["current_inputs"] = new JsonObject();
        }

        return message;
    }

    [GeneratedRegex("(progress_state,(bin4,)?progress,(bin1,)?)+")]
    private static partial Regex StepRun();
}
