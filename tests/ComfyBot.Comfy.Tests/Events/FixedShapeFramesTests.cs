using System.Text;
using System.Text.Json;
using ComfyBot.Comfy.Events;
using ComfyBot.Testing;
using ComfyBot.Testing.Traces;
using static ComfyBot.Comfy.Tests.Events.EventText;

namespace ComfyBot.Comfy.Tests.Events;

/// <summary>
/// Frames in ComfyUI's exact shape are matched byte by byte (<see cref="FixedShapeReader"/>); anything just off it is
/// read by the reader from the frame's start. Either way the event, or the error, is the one the reader path gives
/// (the lazy parser without the fast path), and each case asserts which path it takes.
/// </summary>
public sealed class FixedShapeFramesTests
{
    private const string PromptId = "a2c5015b-ca1b-4fe0-b80a-ae115fe0dc00";

    // The types the fast path reads; the others (rare) always go to the reader.
    private static readonly HashSet<string> FastTypes =
        ["status", "progress", "progress_state", "executing", "executed", "execution_start", "execution_success", "execution_cached"];

    public static TheoryData<string> Scenarios() => [.. TraceReader.Scenarios()];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryRecordedTextFrame_GivesTheSameEventAsTheReader_AndTheFrequentTypesTakeTheFastPath(string scenario)
    {
        var fast = new ComfyEventParser();
        var reference = new ComfyEventParser(eager: false, fixedShapes: false);
        foreach (var record in TraceReader.Read(scenario).Where(r => r.Kind == "ws_text"))
        {
            var bytes = Encoding.UTF8.GetBytes(record.Raw!);
            Assert.True(FastTypes.Contains(record.Type!) == TakesTheFastPath(bytes), $"{record.Type}: {record.Raw}");
            Assert.Equal(Outcome(reference, bytes), Outcome(fast, bytes));
        }
    }

    [Fact]
    public void EverySampleTextMessage_GivesTheSameEventAsTheReader()
    {
        var samples = Directory.GetFiles(RepositoryFixtures.FixturePath("comfy", "samples"), "ws_*.json")
            .Select(File.ReadAllText)
            .Where(t => JsonDocument.Parse(t).RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("data", out _))
            .ToList();
        Assert.NotEmpty(samples);
        foreach (var bytes in samples.Select(Encoding.UTF8.GetBytes))
        {
            Assert.Equal(Outcome(new ComfyEventParser(eager: false, fixedShapes: false), bytes), Outcome(new ComfyEventParser(), bytes));
        }
    }

    /// <summary>A frame and whether the fast path takes it.</summary>
    public static TheoryData<string, bool> Frames()
    {
        var progress = """{"type": "progress", "data": {"value": 1, "max": 8, "prompt_id": "PID", "node": "3"}}""".Replace("PID", PromptId, StringComparison.Ordinal);
        var status = """{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 2}}, "sid": "A"}}""";
        var executing = """{"type": "executing", "data": {"node": "4", "display_node": "4", "prompt_id": "PID"}}""".Replace("PID", PromptId, StringComparison.Ordinal);
        var start = """{"type": "execution_start", "data": {"prompt_id": "PID", "timestamp": 1795749158360}}""".Replace("PID", PromptId, StringComparison.Ordinal);
        var cached = """{"type": "execution_cached", "data": {"nodes": ["5", "6", "7"], "prompt_id": "PID", "timestamp": 1795749158362}}""".Replace("PID", PromptId, StringComparison.Ordinal);
        var state = """{"type": "progress_state", "data": {"prompt_id": "PID", "nodes": {"4": {"value": 0.0, "max": 1.0, "state": "running", "node_id": "4", "prompt_id": "PID", "display_node_id": "4", "parent_node_id": null, "real_node_id": "4"}}}}""".Replace("PID", PromptId, StringComparison.Ordinal);
        var executed = """{"type": "executed", "data": {"node": "9", "display_node": "9", "output": {"images": [{"filename": "a.png", "subfolder": "", "type": "output"}]}, "prompt_id": "PID"}}""".Replace("PID", PromptId, StringComparison.Ordinal);
        string P(string from, string to) => progress.Replace(from, to, StringComparison.Ordinal);
        return new()
        {
            // progress: on the shape, fields in any order, unused plain scalars skipped.
            { progress, true },
            { """{"type": "progress", "data": {"node": "3", "prompt_id": "PID", "max": 8, "value": 1}}""".Replace("PID", PromptId, StringComparison.Ordinal), true },
            { P("\"max\": 8", "\"max\": 8, \"x\": -1.5e-3, \"y\": null, \"z\": true, \"w\": false, \"v\": \"s\", \"u\": [], \"t\": {}, \"s\": 0, \"r\": 2E+7"), true },
            { P("\"node\": \"3\"", "\"node\": null"), true },
            { P("\"value\": 1", "\"value\": 999999999"), true },
            { P("\"value\": 1", "\"value\": 0"), true },
            { P("\"value\": 1, ", "\"value\": 7, \"value\": 1, "), true },
            { P($", \"prompt_id\": \"{PromptId}\"", string.Empty), true },
            { """{"type": "progress", "data": {}}""", true },
            { progress + "trailing bytes are never read", true },
            { progress[..^1], true },

            // progress: just off the shape, valid: the reader reads them.
            { P("\"value\": 1", "\"value\": 1.0"), false },
            { P("\"value\": 1", "\"value\": 1.5"), false },
            { P("\"value\": 1", "\"value\": -1"), false },
            { P("\"value\": 1", "\"value\": 1e2"), false },
            { P("\"value\": 1", "\"value\": 1234567890"), false },
            { P("\"node\": \"3\"", "\"node\": 3"), false },
            { P("\"node\": \"3\"", "\"node\": \"\\u0033\""), false },
            { P("\"node\": \"3\"", "\"node\": \"\u00e9\""), false },
            { P("\"node\": \"3\"", "\"node\": \"\\\"\""), false },
            { P("\"value\"", "\"valu\\u0065\""), false },
            { P("\"max\": 8", "\"max\": 8, \"x\": {\"a\": 1}"), false },
            { P("\"max\": 8", "\"max\": 8, \"x\": [1]"), false },
            { P("\"max\": 8", "\"max\":8"), false },
            { P("\"max\": 8", "\"max\" : 8"), false },
            { P(", \"max\"", ",\n\"max\""), false },
            { P("\"progress\"", "\"progr\\u0065ss\""), false },
            { P("{\"type\": ", "{\"type\":"), false },
            { P("\"data\": {", "\"data\":{"), false },
            { " " + progress, false },
            { "\uFEFF" + progress, false },
            { """{"data": {"value": 1, "max": 8, "prompt_id": "PID", "node": "3"}, "type": "progress"}""".Replace("PID", PromptId, StringComparison.Ordinal), false },
            { P("\"data\"", "\"sid\": \"x\", \"data\""), false },
            { """{"type": "crystools.monitor", "data": {"cpu_utilization": 3.5}}""", false },

            // progress: just off the shape, malformed: the reader's error.
            { P("\"value\": 1", "\"value\": 01"), false },
            { P("\"value\": 1", "\"value\": 1."), false },
            { P("\"value\": 1", "\"value\": -"), false },
            { P("\"value\": 1", "\"value\": \"1\""), false },
            { P("\"value\": 1", "\"value\": null"), false },
            { P("\"value\": 1, ", "\"value\": , "), false },
            { P("\"node\": \"3\"", "\"node\": \"3\", "), false },
            { P("\"max\": 8, ", "\"max\": 8 "), false },
            { P("\"max\": 8", "\"max\": 8, \"x\": nul"), false },
            { P("\"max\": 8", "\"max\": 8, \"x\": truex"), false },
            { P("\"node\": \"3\"", "\"node\": true"), false },
            { P("\"node\": \"3\"", "\"node\": \"a\tb\""), false },
            { progress[..^2], false },
            { progress[..^5], false },
            { """{"type": "progress", "data": {""", false },
            { """{"type": "progress", "data": 5}""", false },

            // status.
            { status, true },
            { status.Replace(", \"sid\": \"A\"", string.Empty, StringComparison.Ordinal), true },
            { """{"type": "status", "data": {"sid": "A", "status": {"exec_info": {"queue_remaining": 0}}}}""", true },
            { status.Replace("\"A\"", "null", StringComparison.Ordinal), false },
            { status.Replace(": 2}", ": 2.0}", StringComparison.Ordinal), false },
            { status.Replace(": 2}", ": 2, \"x\": 1}", StringComparison.Ordinal), false },
            { status.Replace("{\"exec_info\": {\"queue_remaining\": 2}}", "null", StringComparison.Ordinal), false },
            { status.Replace("{\"queue_remaining\": 2}", "5", StringComparison.Ordinal), false },
            { status.Replace("\"A\"", "\"A", StringComparison.Ordinal), false },

            // executing.
            { executing, true },
            { """{"type": "executing", "data": {"node": null, "prompt_id": "PID"}}""".Replace("PID", PromptId, StringComparison.Ordinal), true },
            { """{"type": "executing", "data": {"node": "1"}}""", true },
            { executing.Replace("\"node\": \"4\"", "\"node\": 4", StringComparison.Ordinal), false },
            { executing.Replace("\"node\": \"4\"", "\"node\": [4]", StringComparison.Ordinal), false },

            // execution_start, execution_success and execution_cached.
            { start, true },
            { start.Replace("execution_start", "execution_success", StringComparison.Ordinal), true },
            { start.Replace("1795749158360", "null", StringComparison.Ordinal), true },
            { start.Replace(", \"timestamp\": 1795749158360", string.Empty, StringComparison.Ordinal), true },
            { start.Replace("1795749158360", "1795749158360.5", StringComparison.Ordinal), false },
            { start.Replace("1795749158360", "1234567890123456789", StringComparison.Ordinal), false },
            { start.Replace("1795749158360", "-1", StringComparison.Ordinal), false },
            { start.Replace("1795749158360", "\"1\"", StringComparison.Ordinal), false },
            { start.Replace($"\"prompt_id\": \"{PromptId}\", ", string.Empty, StringComparison.Ordinal), false },
            { start.Replace($"\"{PromptId}\"", "null", StringComparison.Ordinal), false },
            { cached, true },
            { cached.Replace("[\"5\", \"6\", \"7\"]", "[]", StringComparison.Ordinal), true },
            { cached.Replace("[\"5\", \"6\", \"7\"]", "[\"5\",\"6\"]", StringComparison.Ordinal), false },
            { cached.Replace("[\"5\", \"6\", \"7\"]", "[5, 6]", StringComparison.Ordinal), false },
            { cached.Replace("[\"5\", \"6\", \"7\"]", "null", StringComparison.Ordinal), false },
            { cached.Replace("[\"5\", \"6\", \"7\"]", "[\"5\", ]", StringComparison.Ordinal), false },
            { cached.Replace("[\"5\", \"6\", \"7\"]", "[\"5\"", StringComparison.Ordinal), false },

            // progress_state: the nodes are scanned for their end, as on the reader path.
            { state, true },
            { """{"type": "progress_state", "data": {"nodes": {"4": {"value": 1}}, "prompt_id": "PID"}}""".Replace("PID", PromptId, StringComparison.Ordinal), true },
            { state[..^2] + ", \"extra\": 1}}", true },
            { state.Replace("\"nodes\": {", "\"nodes\": {\"3\": {\"state\": \"finished\"}}, \"nodes\": {", StringComparison.Ordinal), true },
            { state.Replace("\"value\": 0.0", "\"value\": \"}]\\\"{[\"", StringComparison.Ordinal), true },
            { state.Replace("\"nodes\": {", "\"nodes\": [", StringComparison.Ordinal), false },
            { state.Replace("{\"value\"", "[\"value\"", StringComparison.Ordinal), false },
            { state[..^30], false },
            { state.Replace($"\"prompt_id\": \"{PromptId}\", \"nodes\"", "\"nodes\"", StringComparison.Ordinal), false },
            { state[..^2] + ",}}", false },
            { state[..^2] + ", \"prompt_id\": true}}", false },
            { state.Replace("\"nodes\": {", "\"nodes\":{", StringComparison.Ordinal), false },

            // executed: the envelope and node here, the output by the output's own fast path.
            { executed, true },
            { executed.Replace("\"node\": \"9\", ", string.Empty, StringComparison.Ordinal), false },
            { executed.Replace("\"node\": \"9\"", "\"node\": null", StringComparison.Ordinal), false },
            { executed.Replace("{\"filename\"", "{\"subfolder\": \"\", \"filename\"", StringComparison.Ordinal), false },
            { executed.Replace("\"type\": \"output\"}", "\"type\": 5}", StringComparison.Ordinal), false },
            { executed.Replace("\"prompt_id\"", "\"prompt\"", StringComparison.Ordinal), false },
        };
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void AFrameOnOrJustOffComfyUIsShape_GivesTheEventOrErrorTheReaderGives(string frame, bool fast)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        Assert.Equal(fast, TakesTheFastPath(bytes));
        Assert.Equal(Outcome(new ComfyEventParser(eager: false, fixedShapes: false), bytes), Outcome(new ComfyEventParser(), bytes));
    }

    [Fact]
    public void IdsOnTheFastPath_ComeFromTheParsersCache()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"type": "progress", "data": {"value": 1, "max": 8, "prompt_id": "PID", "node": "3"}}""".Replace("PID", PromptId, StringComparison.Ordinal));
        Assert.True(TakesTheFastPath(bytes));
        var parser = new ComfyEventParser();
        var first = (ProgressEvent)parser.Parse(bytes);
        var second = (ProgressEvent)parser.Parse(bytes);
        Assert.Same(first.PromptId, second.PromptId);
        Assert.Same(first.NodeId, second.NodeId);
    }

    private static bool TakesTheFastPath(byte[] frame) => new FixedShapeReader(new JsonFields()).TryRead(frame) is not null;

    /// <summary>The event as text (a progress_state's nodes read), or the error's type and message.</summary>
    private static string Outcome(ComfyEventParser parser, byte[] frame)
    {
        try
        {
            var parsed = parser.Parse(frame);
            try
            {
                return Describe(parsed);
            }
            catch (System.Reflection.TargetInvocationException ex)
            {
                return $"read error {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}";
            }
        }
        catch (Exception ex)
        {
            return $"parse error {ex.GetType().Name}: {ex.Message}";
        }
    }
}
