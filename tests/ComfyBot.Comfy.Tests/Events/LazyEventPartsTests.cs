using System.Buffers;
using System.Text;
using System.Text.Json;
using ComfyBot.Comfy.Events;
using ComfyBot.Testing;
using ComfyBot.Testing.Traces;
using static ComfyBot.Comfy.Tests.Events.EventText;

namespace ComfyBot.Comfy.Tests.Events;

/// <summary>
/// The parts the parser keeps as bytes until asked (a progress_state's nodes, an executed message's raw output) give
/// the same values as reading them at parse time, own their bytes, and fail the same way on malformed frames.
/// </summary>
public sealed class LazyEventPartsTests
{
    private const string PromptId = "a2c5015b-ca1b-4fe0-b80a-ae115fe0dc00";

    public static TheoryData<string> Scenarios() => [.. TraceReader.Scenarios()];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryRecordedTextFrame_GivesTheSameEventLazilyAsEagerly(string scenario)
    {
        var eager = new ComfyEventParser(eager: true);
        var lazy = new ComfyEventParser();
        var frames = TraceReader.Read(scenario).Where(r => r.Kind == "ws_text").Select(r => r.Raw!).ToList();

        // All lazy events are parsed first and read at the end, so every one has outlived the frames after it.
        var parsed = frames.Select(f => (Frame: f, Lazy: lazy.Parse(Encoding.UTF8.GetBytes(f)))).ToList();
        foreach (var (frame, lazyEvent) in parsed)
        {
            Assert.Equal(Describe(eager.Parse(Encoding.UTF8.GetBytes(frame))), Describe(lazyEvent));
        }
    }

    [Fact]
    public void EverySampleTextMessage_GivesTheSameEventLazilyAsEagerly()
    {
        var samples = Directory.GetFiles(RepositoryFixtures.FixturePath("comfy", "samples"), "ws_*.json")
            .Select(File.ReadAllText)
            .Where(t => JsonDocument.Parse(t).RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("data", out _))
            .ToList();
        Assert.Contains(samples, s => s.Contains("\"progress_state\"", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Contains("\"executed\"", StringComparison.Ordinal));
        foreach (var sample in samples)
        {
            var bytes = Encoding.UTF8.GetBytes(sample);
            Assert.Equal(Describe(new ComfyEventParser(eager: true).Parse(bytes)), Describe(new ComfyEventParser().Parse(bytes)));
        }
    }

    [Fact]
    public void RecordedProgressStates_GiveTheNodesTheFrameHolds()
    {
        var parser = new ComfyEventParser();
        var frames = TraceReader.Scenarios().SelectMany(TraceReader.Read).Where(r => r.Type == "progress_state").Select(r => r.Raw!).ToList();
        Assert.NotEmpty(frames);
        foreach (var frame in frames)
        {
            var nodes = ((ProgressStateEvent)parser.Parse(Encoding.UTF8.GetBytes(frame))).Nodes;
            var expected = JsonDocument.Parse(frame).RootElement.GetProperty("data").GetProperty("nodes").EnumerateObject().ToList();
            Assert.Equal(expected.Count, nodes.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                var node = expected[i].Value;
                Assert.Equal(
                    (expected[i].Name, node.GetProperty("value").GetDouble(), node.GetProperty("max").GetDouble(), node.GetProperty("state").GetString(), node.GetProperty("display_node_id").GetString()),
                    (nodes[i].NodeId, nodes[i].Value, nodes[i].Max, nodes[i].State, nodes[i].DisplayNodeId));
            }
        }
    }

    [Fact]
    public void RecordedExecutedMessages_GiveTheOutputTextTheFrameHolds()
    {
        var parser = new ComfyEventParser();
        var frames = TraceReader.Scenarios().SelectMany(TraceReader.Read).Where(r => r.Type == "executed").Select(r => r.Raw!).ToList();
        Assert.NotEmpty(frames);
        foreach (var frame in frames)
        {
            var output = JsonDocument.Parse(frame).RootElement.GetProperty("data").GetProperty("output");
            var expected = output.ValueKind == JsonValueKind.Object ? output.GetRawText() : null;
            Assert.Equal(expected, ((ExecutedEvent)parser.Parse(Encoding.UTF8.GetBytes(frame))).OutputJson);
        }
    }

    [Fact]
    public void ALaterFrameInTheSameRentedBuffer_DoesNotChangeAnEarlierEventsLazyParts()
    {
        var parser = new ComfyEventParser();
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            // Same lengths, so the second frame overwrites the first byte for byte, as a reused receive buffer does.
            var state = Fill(buffer, ProgressState("3", "7.0", "running"));
            var stateEvent = (ProgressStateEvent)parser.Parse(buffer.AsSpan(0, state));
            var executed = Fill(buffer, Executed("aaa.png"));
            var executedEvent = (ExecutedEvent)parser.Parse(buffer.AsSpan(0, executed));
            Fill(buffer, ProgressState("5", "9.0", "pending"));
            Assert.IsType<ProgressStateEvent>(parser.Parse(buffer.AsSpan(0, state)));
            Fill(buffer, Executed("zzz.png"));
            Assert.IsType<ExecutedEvent>(parser.Parse(buffer.AsSpan(0, executed)));
            buffer.AsSpan().Fill((byte)'#');

            var node = Assert.Single(stateEvent.Nodes);
            Assert.Equal(("3", 7.0, 20.0, "running", "3"), (node.NodeId, node.Value, node.Max, node.State, node.DisplayNodeId));
            Assert.Equal("""{"images": [{"filename": "aaa.png", "subfolder": "", "type": "output"}]}""", executedEvent.OutputJson);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [Fact]
    public void LazyParts_ReadFromManyThreadsAtOnce_AreTheSame()
    {
        var state = (ProgressStateEvent)new ComfyEventParser().Parse(Encoding.UTF8.GetBytes(ProgressState("3", "7.0", "running")));
        var results = new IReadOnlyList<NodeProgress>[8];
        Parallel.For(0, results.Length, i => results[i] = state.Nodes);
        Assert.All(results, r => Assert.Same(state.Nodes, r));
    }

    /// <summary>Faults in what the tracker uses, or in the nodes object's own type: parse time, the error reading it all gives.</summary>
    public static TheoryData<string> FramesTheTrackerCannotUse() =>
    [
        ProgressState("3", "7.0", "running").Replace("\"nodes\": {", "\"nodes\": [", StringComparison.Ordinal),
        ProgressState("3", "7.0", "running").Replace($"\"prompt_id\": \"{PromptId}\", \"nodes\"", "\"nodes\"", StringComparison.Ordinal),
        ProgressState("3", "7.0", "running")[..^2] + ",}}",
        ProgressState("3", "7.0", "running")[..^2] + " \"x\": 1}}",
        ProgressState("3", "7.0", "running")[..^2] + ", \"prompt_id\": true}}",
        ProgressState("3", "7.0", "running")[..^2],
        Executed("a.png").Replace("\"subfolder\": \"\"", "\"subfolder\": 5", StringComparison.Ordinal),
        Executed("a.png").Replace("\"type\": \"output\"}", "\"type\": \"output\"", StringComparison.Ordinal),
        Executed("a.png").Replace("\"prompt_id\"", "\"prompt\"", StringComparison.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(FramesTheTrackerCannotUse))]
    public void AFaultInWhatTheTrackerUses_FailsAtParseTimeWithTheSameErrorAsReadingItAll(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        var eager = Record.Exception(() => new ComfyEventParser(eager: true).Parse(bytes));
        var lazy = Record.Exception(() => new ComfyEventParser().Parse(bytes));
        Assert.True(eager is ComfyProtocolException, $"eager: {eager?.GetType().Name ?? "no error"}: {eager?.Message}");
        Assert.True(lazy is ComfyProtocolException, $"lazy: {lazy?.GetType().Name ?? "no error"}: {lazy?.Message}");
        Assert.Equal(eager!.Message, lazy!.Message);
    }

    /// <summary>A nodes object whose end cannot be found for sure: parse time, saying so and where.</summary>
    public static TheoryData<string, string> NodesNotWellFormed()
    {
        var good = ProgressState("3", "7.0", "running");
        return new()
        {
            { good.Replace("{\"value\"", "[\"value\"", StringComparison.Ordinal), "the '}' at byte 190 of it closes a '['" },
            { good.Replace("\"parent_node_id\": null", "\"parent_node_id\": {\"a\": [1, }", StringComparison.Ordinal), "the '}' at byte 175 of it closes a '['" },
            { good[..^30], "the frame ends before it closes (truncated, or a '}' or ']' missing; 2 still open)" },
            { good[..^3], "the frame ends before it closes (truncated, or a '}' or ']' missing; 1 still open)" },
            { good[..(good.IndexOf("unning", StringComparison.Ordinal) + 2)] + "\\", "the frame ends inside a string of it (truncated, or a string never closed)" },
            { good.Replace("\"parent_node_id\": null", "\"parent_node_id\": \\u0041", StringComparison.Ordinal), "a '\\' at byte 165 of it is outside any string" },
            { good.Replace("\"parent_node_id\": null", "\"parent_node_id\": " + new string('[', 70) + new string(']', 70), StringComparison.Ordinal), "it nests more than 64 deep" },
        };
    }

    [Theory]
    [MemberData(nameof(NodesNotWellFormed))]
    public void ANodesObjectThatIsNotWellFormed_FailsAtParseTime_SayingWhere(string frame, string fault)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        var eager = Record.Exception(() => new ComfyEventParser(eager: true).Parse(bytes));
        var lazy = Record.Exception(() => new ComfyEventParser().Parse(bytes));
        Assert.True(eager is ComfyProtocolException, $"eager: {eager?.GetType().Name ?? "no error"}: {eager?.Message}");
        var error = Assert.IsType<ComfyProtocolException>(lazy);
        Assert.Equal($"A progress_state message's 'nodes' object is not well-formed: {fault}.", error.Message);
    }

    /// <summary>Faults in the content of the nodes object, which the tracker never reads: at the first read of Nodes.</summary>
    public static TheoryData<string> NodesWithBadContent() =>
    [
        ProgressState("3", "\"seven\"", "running"),
        ProgressState("3", "7.0", "5"),
        ProgressState("3", "7.0", "running").Replace("\"display_node_id\": \"3\"", "\"display_node_id\": true", StringComparison.Ordinal),
        """{"type": "progress_state", "data": {"prompt_id": "PID", "nodes": {"3": 5}}}""".Replace("PID", PromptId, StringComparison.Ordinal),
        ProgressState("3", "7.0", "running").Replace("\"max\": 20.0", "\"max\": 20.0,,", StringComparison.Ordinal),
        ProgressState("3", "7.0", "running").Replace("\"max\": 20.0,", "\"max\": 20.0", StringComparison.Ordinal),
        ProgressState("3", "7.0", "running").Replace("\"parent_node_id\": null", "\"parent_node_id\": nul", StringComparison.Ordinal),
        ProgressState("3", "7.0", "run\tning"),
        ProgressState("3", "\"seven\"", "running")[..^2] + ", \"sid\": \"s\"}}",
    ];

    [Theory]
    [MemberData(nameof(NodesWithBadContent))]
    public void ANodesObjectWithBadContent_ParsesButFailsOnEveryReadOfNodes_WithTheSameError(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        var eager = Record.Exception(() => new ComfyEventParser(eager: true).Parse(bytes));
        var parsed = Assert.IsType<ProgressStateEvent>(new ComfyEventParser().Parse(bytes));
        Assert.Equal(PromptId, parsed.PromptId);
        var first = Record.Exception(() => parsed.Nodes);
        var second = Record.Exception(() => parsed.Nodes);

        Assert.True(eager is ComfyProtocolException, $"eager: {eager?.GetType().Name ?? "no error"}: {eager?.Message}");
        Assert.True(first is ComfyProtocolException, $"first read: {first?.GetType().Name ?? "no error"}: {first?.Message}");
        Assert.Equal(first!.Message, second?.Message);
        if (eager!.InnerException is JsonException syntax)
        {
            // The same description of the fault; its position counts from the nodes object, not the frame, and a bad
            // literal is quoted up to the end of the reader's bytes, which are the nodes object's.
            Assert.StartsWith("A progress_state message's nodes are malformed (", first.Message, StringComparison.Ordinal);
            Assert.Equal(WithoutPosition(syntax.Message), WithoutPosition(Assert.IsAssignableFrom<JsonException>(first.InnerException).Message));
        }
        else
        {
            Assert.Equal(eager.Message, first.Message);
        }
    }

    [Fact]
    public void NodesWithEscapesAndBracketsInStrings_AtEveryOffsetInABlock_GiveTheSameEventLazilyAsEagerly()
    {
        for (var pad = 0; pad < 140; pad++)
        {
            // JSON text: x..x\\\"}]{[\\\\\u0041\"   then an array with brackets in and out of strings.
            var note = new string('x', pad) + "\\\\\\\"}]{[\\\\\\\\\\u0041\\\"";
            var frame = ProgressState("3", "7.0", "running")
                .Replace("\"parent_node_id\": null", $"\"parent_node_id\": null, \"note\": \"{note}\", \"list\": [[{{}}], \"]\\\\\"]", StringComparison.Ordinal);
            var withMoreFields = frame[..^2] + ", \"extra\": {\"a\": [1, \"}\"]}, \"prompt_id\": \"" + PromptId + "\"}}";
            foreach (var text in new[] { frame, withMoreFields })
            {
                using var valid = JsonDocument.Parse(text);
                var bytes = Encoding.UTF8.GetBytes(text);
                var lazy = new ComfyEventParser().Parse(bytes);
                Assert.Equal(Describe(new ComfyEventParser(eager: true).Parse(bytes)), Describe(lazy));
                Assert.Single(((ProgressStateEvent)lazy).Nodes);
            }
        }
    }

    private static string WithoutPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var description = at < 0 ? message : message[..at];
        var literal = description.IndexOf("' is an invalid JSON literal.", StringComparison.Ordinal);
        return literal < 0 ? description : description[literal..];
    }

    [Fact]
    public void TwoNodesObjectsInOneFrame_GiveTheNodesOfBothInOrder_LazilyAsEagerly()
    {
        var frame = ProgressState("3", "7.0", "running").Replace("\"nodes\": {", "\"nodes\": {\"4\": {\"value\": 1.0, \"max\": 1.0, \"state\": \"finished\"}}, \"nodes\": {", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(frame);
        var eager = (ProgressStateEvent)new ComfyEventParser(eager: true).Parse(bytes);
        var lazy = (ProgressStateEvent)new ComfyEventParser().Parse(bytes);
        Assert.Equal(["4", "3"], lazy.Nodes.Select(n => n.NodeId));
        Assert.Equal(Describe(eager), Describe(lazy));
    }

    [Fact]
    public void ANodeValueBeyondADouble_ReadsTheSameLazilyAsEagerly()
    {
        var bytes = Encoding.UTF8.GetBytes(ProgressState("3", "1e999", "running"));
        var eager = (ProgressStateEvent)new ComfyEventParser(eager: true).Parse(bytes);
        var lazy = (ProgressStateEvent)new ComfyEventParser().Parse(bytes);
        Assert.Equal(Describe(eager), Describe(lazy));
    }

    private static string ProgressState(string node, string value, string state) =>
        """{"type": "progress_state", "data": {"prompt_id": "PID", "nodes": {"NODE": {"value": VALUE, "max": 20.0, "state": STATE, "node_id": "NODE", "prompt_id": "PID", "display_node_id": "NODE", "parent_node_id": null, "real_node_id": "NODE"}}}}"""
            .Replace("PID", PromptId, StringComparison.Ordinal).Replace("NODE", node, StringComparison.Ordinal)
            .Replace("VALUE", value, StringComparison.Ordinal).Replace("STATE", state.All(char.IsDigit) ? state : $"\"{state}\"", StringComparison.Ordinal);

    private static string Executed(string file) =>
        """{"type": "executed", "data": {"node": "9", "display_node": "9", "output": {"images": [{"filename": "FILE", "subfolder": "", "type": "output"}]}, "prompt_id": "PID"}}"""
            .Replace("PID", PromptId, StringComparison.Ordinal).Replace("FILE", file, StringComparison.Ordinal);

    private static int Fill(byte[] buffer, string frame) => Encoding.UTF8.GetBytes(frame, buffer);
}
