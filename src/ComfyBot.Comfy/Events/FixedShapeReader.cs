using EventKind = ComfyBot.Comfy.Events.ComfyEventParser.EventKind;

namespace ComfyBot.Comfy.Events;

/// <summary>
/// The fast path for whole frames as ComfyUI sends them: <c>{"type": "progress", "data": {...}}</c>, written by
/// <c>json.dumps</c> with its default separators, so the envelope is the same bytes every time and the data objects of
/// the frequent messages are flat objects of plain strings and small integers. These are matched byte by byte
/// (<see cref="ShapeCursor"/>) instead of tokenized: on a recorded run the <see cref="System.Text.Json.Utf8JsonReader"/>
/// and the envelope were most of the time left for the small messages. Fields may come in any order, and a field this
/// client does not use is skipped when it is a plain scalar. Anything else (another type, an escape, other whitespace,
/// a float where an int is read, a nested value, a missing required field, a truncated frame) gives null, and the
/// caller's reader path reads the frame from its start: the same event or the same error, since this path only
/// returns what that path returns. Like the reader path, it reads nothing after the data object's closing brace.
/// </summary>
internal sealed class FixedShapeReader(JsonFields fields)
{
    private const string NodesWhat = "a progress_state message's 'nodes' object";

    /// <summary>The frame's event, or null when the frame is not on the shape (nothing was kept then).</summary>
    public ComfyEvent? TryRead(ReadOnlySpan<byte> json)
    {
        var c = new ShapeCursor(json, 0);
        if (!c.Literal("{\"type\": "u8) || !c.String(out var type) || !c.Literal(", \"data\": {"u8))
        {
            return null;
        }

        // The parser's own dispatch; the rare types go to the reader.
        ComfyEvent? result = ComfyEventParser.KindOf(type) switch
        {
            EventKind.Status => Status(ref c),
            EventKind.Progress => Progress(ref c),
            EventKind.Executed => Executed(ref c, json),
            EventKind.Executing => Executing(ref c),
            EventKind.ProgressState => ProgressState(ref c, json),
            EventKind.ExecutionStart => PromptAndTime(ref c, out var started, out var at) ? new ExecutionStartEvent(started, at) : null,
            EventKind.ExecutionCached => Cached(ref c),
            EventKind.ExecutionSuccess => PromptAndTime(ref c, out var succeeded, out var time) ? new ExecutionSuccessEvent(succeeded, time) : null,
            _ => null,
        };
        return c.Off ? null : result;
    }

    private ProgressEvent? Progress(ref ShapeCursor c)
    {
        string? promptId = null, node = null;
        int value = 0, max = 0;
        while (c.NextField(out var name))
        {
            if (name.SequenceEqual("value"u8)) { value = c.Int(); }
            else if (name.SequenceEqual("max"u8)) { max = c.Int(); }
            else if (name.SequenceEqual("prompt_id"u8)) { promptId = c.Id(fields); }
            else if (name.SequenceEqual("node"u8)) { node = c.Id(fields); }
            else { c.SkipValue(); }
        }

        return c.Off ? null : new ProgressEvent(promptId, node, value, max);
    }

    private ProgressStateEvent? ProgressState(ref ShapeCursor c, ReadOnlySpan<byte> json)
    {
        string? promptId = null;
        byte[]? nodesJson = null;
        while (c.NextField(out var name))
        {
            if (name.SequenceEqual("prompt_id"u8))
            {
                promptId = c.Id(fields);
            }
            else if (!name.SequenceEqual("nodes"u8))
            {
                c.SkipValue();
            }
            else if (c.At < json.Length && json[c.At] == (byte)'{' && EndOfNodes(json, c.At) is var end && end > 0)
            {
                // A copy, never a slice (the caller's buffer is reused); the content is checked on the first read of
                // Nodes, as on the reader path, which keeps the same bytes.
                nodesJson = nodesJson is null ? json[c.At..end].ToArray() : ProgressStateNodes.Concat(nodesJson, json[c.At..end]);
                c.MoveTo(end);
            }
            else
            {
                c.Fail();
            }
        }

        return c.Off || promptId is null ? null : new ProgressStateEvent(promptId, nodesJson);
    }

    private ExecutingEvent? Executing(ref ShapeCursor c)
    {
        string? promptId = null, node = null, display = null;
        while (c.NextField(out var name))
        {
            if (name.SequenceEqual("node"u8)) { node = c.Id(fields); }
            else if (name.SequenceEqual("prompt_id"u8)) { promptId = c.Id(fields); }
            else if (name.SequenceEqual("display_node"u8)) { display = c.Id(fields); }
            else { c.SkipValue(); }
        }

        return c.Off ? null : new ExecutingEvent(promptId, node, display);
    }

    private static StatusEvent? Status(ref ShapeCursor c)
    {
        var remaining = 0;
        string? sid = null;
        while (c.NextField(out var name))
        {
            if (name.SequenceEqual("status"u8))
            {
                // ComfyUI's only shape of it; another is the reader's.
                c.Literal("{\"exec_info\": {\"queue_remaining\": "u8);
                remaining = c.Int();
                c.Literal("}}"u8);
            }
            else if (name.SequenceEqual("sid"u8))
            {
                // The reader makes a new string for the sid (it is not an id that repeats), and so does this.
                sid = c.String(out var text) ? System.Text.Encoding.UTF8.GetString(text) : null;
            }
            else
            {
                c.SkipValue();
            }
        }

        return c.Off ? null : new StatusEvent(remaining, sid);
    }

    private ExecutionCachedEvent? Cached(ref ShapeCursor c)
    {
        string? promptId = null;
        long? timestamp = null;
        IReadOnlyList<string> nodes = [];
        while (c.NextField(out var name))
        {
            if (name.SequenceEqual("prompt_id"u8)) { promptId = c.Id(fields); }
            else if (name.SequenceEqual("timestamp"u8)) { timestamp = c.LongOrNull(); }
            else if (name.SequenceEqual("nodes"u8)) { nodes = c.Ids(fields); }
            else { c.SkipValue(); }
        }

        return c.Off || promptId is null ? null : new ExecutionCachedEvent(promptId, nodes, timestamp);
    }

    private bool PromptAndTime(ref ShapeCursor c, out string promptId, out long? timestamp)
    {
        string? id = null;
        timestamp = null;
        while (c.NextField(out var name))
        {
            if (name.SequenceEqual("prompt_id"u8)) { id = c.Id(fields); }
            else if (name.SequenceEqual("timestamp"u8)) { timestamp = c.LongOrNull(); }
            else { c.SkipValue(); }
        }

        promptId = id!;
        return !c.Off && id is not null;
    }

    private ExecutedEvent? Executed(ref ShapeCursor c, ReadOnlySpan<byte> json)
    {
        string? promptId = null, node = null, display = null;
        while (c.NextField(out var name))
        {
            if (name.SequenceEqual("node"u8)) { node = c.Id(fields); }
            else if (name.SequenceEqual("prompt_id"u8)) { promptId = c.Id(fields); }
            else if (name.SequenceEqual("display_node"u8)) { display = c.Id(fields); }
            else if (!name.SequenceEqual("output"u8)) { c.SkipValue(); }
            else
            {
                // The output's own fast path reads from after the name's quote to the data object's end. With no node
                // yet, the files would need it later: the reader does that.
                var files = new List<OutputFile>();
                if (node is null || !OutputFilesScan.TryReadRest(json, c.At - 2, node, files, out var output, out var tailId))
                {
                    c.Fail();
                    return null;
                }

                promptId = tailId.Equals(default(Range)) ? promptId : fields.Id(json[tailId]);
                return promptId is null ? null : new ExecutedEvent(output, promptId, node, display, files);
            }
        }

        // No output: the reader's files and output (none) are the same, but keep that rare case on one path.
        c.Fail();
        return null;
    }

    /// <summary>The index just past the nodes object at <paramref name="at"/>, or 0 when it is not well-formed (the reader path then fails on it).</summary>
    private static int EndOfNodes(ReadOnlySpan<byte> json, int at)
    {
        try
        {
            return JsonExtent.EndOfObject(json, at, NodesWhat);
        }
        catch (ComfyProtocolException)
        {
            return 0;
        }
    }
}
