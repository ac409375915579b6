using System.Text;
using ComfyBot.Comfy.Events;

namespace ComfyBot.Comfy.Tests.Events;

/// <summary>
/// An executed message's output in ComfyUI's exact shape is matched byte by byte (<see cref="OutputFilesScan"/>);
/// anything just off that shape is left to the reader. Either way the event, or the error, is the one the eager
/// reference parser (the reader throughout) gives.
/// </summary>
public sealed class OutputFilesFastPathTests
{
    private const string PromptId = "a2c5015b-ca1b-4fe0-b80a-ae115fe0dc00";
    private const string Entry = """{"filename": "a.png", "subfolder": "", "type": "output"}""";

    /// <summary>A frame and whether the fast path takes it (checked, so each off-shape case really goes to the reader).</summary>
    public static TheoryData<string, bool> Frames() => new()
    {
        // On the shape.
        { Executed(Entry), true },
        { Executed(string.Join(", ", Enumerable.Range(1, 64).Select(i => Entry.Replace("a.png", $"ComfyUI_{i:00000}_.png", StringComparison.Ordinal)))), true },
        { Executed(Entry.Replace("a.png", "a}], {[: b.png", StringComparison.Ordinal)), true },
        { Executed(Entry.Replace("\"\"", "\"sub/dir\"", StringComparison.Ordinal).Replace("output\"}", "temp\"}", StringComparison.Ordinal)), true },
        { Executed(Entry, output: """{"images": [ENTRY], "gifs": [ENTRY, ENTRY]}"""), true },
        { Executed(Entry, output: """{"text": ["slept 4.00s in 8 steps (tag='D1-53ef6f')"]}"""), true },
        { Executed(Entry, output: """{"images": [], "text": ["a", ENTRY]}"""), true },
        { Executed(Entry, output: "{}"), true },
        { Executed(Entry).Replace($", \"prompt_id\": \"{PromptId}\"", string.Empty, StringComparison.Ordinal), true },
        { Executed(Entry).Replace("\"node\": \"9\", ", string.Empty, StringComparison.Ordinal), true },

        // Just off it: the reader reads them, to the same files.
        { Executed(Entry.Replace("a.png", "a\\\"b.png", StringComparison.Ordinal)), false },
        { Executed(Entry.Replace("a.png", "\\u00e9.png", StringComparison.Ordinal)), false },
        { Executed(Entry.Replace("a.png", "\u00e9.png", StringComparison.Ordinal)), false },
        { Executed(Entry.Replace("\"\"", "\"a\\/b\"", StringComparison.Ordinal)), false },
        { Executed(Entry.Replace("}", ", \"extra\": 1}", StringComparison.Ordinal)), false },
        { Executed("""{"subfolder": "", "filename": "a.png", "type": "output"}"""), false },
        { Executed("""{"filename":"a.png","subfolder":"","type":"output"}"""), false },
        { Executed(Entry).Replace("\"output\": {", "\"output\":{", StringComparison.Ordinal), false },
        { Executed(Entry).Replace("\"output\": {", "\"output\" : {", StringComparison.Ordinal), false },
        { Executed(Entry).Replace("\"output\": {", "\"outp\\u0075t\": {", StringComparison.Ordinal), false },
        { Executed(Entry.Replace(", \"type\"", ",\n \"type\"", StringComparison.Ordinal)), false },
        { Executed(Entry.Replace("\"output\"}", "null}", StringComparison.Ordinal)), false },
        { Executed(Entry, output: """{"images": [ENTRY, 5]}"""), false },
        { Executed(Entry, output: """{"animated": [true]}"""), false },
        { Executed(Entry).Replace($"\"prompt_id\": \"{PromptId}\"", "\"prompt_id\": 7", StringComparison.Ordinal), false },
        { Executed(Entry).Replace($"\"{PromptId}\"}}", $"\"{PromptId}\", \"extra\": [1]}}}}", StringComparison.Ordinal), false },
        { Executed(Entry).Replace("\"node\": \"9\", ", string.Empty, StringComparison.Ordinal).Replace("}]}, ", "}]}, \"node\": \"9\", ", StringComparison.Ordinal), false },

        // Just off it and malformed: the reader's error.
        { Executed(Entry.Replace("\"output\"}", "5}", StringComparison.Ordinal)), false },
        { Executed(Entry.Replace("\"\"", "7", StringComparison.Ordinal)), false },
        { Executed(Entry).Replace("\"output\": {", "\"output\":: {", StringComparison.Ordinal), false },
        { Executed(Entry.Replace("a.png", "a\tb.png", StringComparison.Ordinal)), false },
        { Executed(Entry.Replace("a.png", "a\\qb.png", StringComparison.Ordinal)), false },
        { Executed(Entry)[..Executed(Entry).IndexOf(", \"type\"", StringComparison.Ordinal)], false },
        { Executed(Entry)[..Executed(Entry).IndexOf("}]}", StringComparison.Ordinal)], false },
        { Executed(Entry)[..(Executed(Entry).IndexOf("}]}", StringComparison.Ordinal) + 3)], false },
        { Executed(Entry).Replace("}]}, ", "}]]}, ", StringComparison.Ordinal), false },
        { Executed(Entry)[..^2], false },
        { Executed(Entry)[..^1], true },
        { Executed(Entry).Replace("\"prompt_id\"", "\"prompt\"", StringComparison.Ordinal), false },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void AnOutputOnOrJustOffComfyUIsShape_GivesTheEventOrErrorTheReaderGives(string frame, bool fast)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        Assert.Equal(fast, TakesTheFastPath(bytes));

        var (eager, eagerError) = Parse(new ComfyEventParser(eager: true), bytes);
        var (lazy, lazyError) = Parse(new ComfyEventParser(), bytes);
        Assert.Equal(eagerError?.GetType(), lazyError?.GetType());
        Assert.Equal(eagerError?.Message, lazyError?.Message);
        Assert.Equal(eager is null, lazy is null);
        if (eager is not null)
        {
            Assert.Equal(eager.PromptId, lazy!.PromptId);
            Assert.Equal(eager.NodeId, lazy.NodeId);
            Assert.Equal(eager.DisplayNodeId, lazy.DisplayNodeId);
            Assert.Equal(eager.Files, lazy.Files);
            Assert.Equal(eager.OutputJson, lazy.OutputJson);
        }
    }

    [Fact]
    public void AnInvalidUtf8ByteInAFilename_IsLeftToTheReader_AndGivesItsError()
    {
        var bytes = Encoding.UTF8.GetBytes(Executed(Entry.Replace("a.png", "a~.png", StringComparison.Ordinal)));
        bytes[Array.IndexOf(bytes, (byte)'~')] = 0xFF;
        Assert.False(TakesTheFastPath(bytes));

        var (_, eagerError) = Parse(new ComfyEventParser(eager: true), bytes);
        var (_, lazyError) = Parse(new ComfyEventParser(), bytes);
        Assert.IsType<ComfyProtocolException>(eagerError);
        Assert.Equal(eagerError.Message, lazyError?.Message);
    }

    [Fact]
    public void TheStringsEveryFileRepeats_AreSharedInstances_OnTheFastPath()
    {
        var entries = string.Join(", ", Enumerable.Range(1, 3).Select(i => Entry.Replace("a.png", $"{i}.png", StringComparison.Ordinal)));
        var frame = Encoding.UTF8.GetBytes(Executed(entries));
        Assert.True(TakesTheFastPath(frame));
        var parser = new ComfyEventParser();
        var first = (ExecutedEvent)parser.Parse(frame);
        var second = (ExecutedEvent)parser.Parse(frame);
        Assert.Equal(["1.png", "2.png", "3.png"], first.Files.Select(f => f.File.Filename));
        Assert.All(first.Files.Concat(second.Files), f =>
        {
            Assert.Same("images", f.Kind);
            Assert.Same(string.Empty, f.File.Subfolder);
            Assert.Same("output", f.File.Type);
            Assert.Same(first.NodeId, f.NodeId);
        });
        Assert.Same(first.PromptId, second.PromptId);
    }

    private static (ExecutedEvent? Event, Exception? Error) Parse(ComfyEventParser parser, byte[] frame)
    {
        try
        {
            return ((ExecutedEvent)parser.Parse(frame), null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }

    private static bool TakesTheFastPath(byte[] frame)
    {
        var name = frame.AsSpan().IndexOf("\"output\""u8);
        return name >= 0 && OutputFilesScan.TryReadRest(frame, name + 8, "9", [], out _, out _);
    }

    private static string Executed(string entries, string output = """{"images": [ENTRY]}""") =>
        """{"type": "executed", "data": {"node": "9", "display_node": "9", "output": OUTPUT, "prompt_id": "PID"}}"""
            .Replace("OUTPUT", output, StringComparison.Ordinal).Replace("ENTRY", entries, StringComparison.Ordinal)
            .Replace("PID", PromptId, StringComparison.Ordinal);
}
