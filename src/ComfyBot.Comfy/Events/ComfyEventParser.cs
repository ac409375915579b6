using System.Text.Json;

namespace ComfyBot.Comfy.Events;

/// <summary>
/// Turns ComfyUI event-stream frames into typed events. Text frames are read with a forward-only
/// <see cref="Utf8JsonReader"/> (no DOM) and repeated ids reuse cached strings, because progress messages
/// arrive many times a second per job. This type reads the envelope and hands the data object to the reader of the
/// message's family; parts most consumers never read (a progress_state's nodes, an executed message's raw output)
/// are kept as the event's own bytes until asked for. An executed message's output is checked in full now; a
/// progress_state's nodes only for structure, their content on first read (see <see cref="ProgressStateEvent.Nodes"/>).
/// Frames in ComfyUI's exact <c>json.dumps</c> shape are first matched byte by byte (<see cref="FixedShapeReader"/>);
/// anything off that shape is read here from its start, so both give the same event or the same error.
/// One instance per connection; not thread-safe.
/// </summary>
public sealed class ComfyEventParser
{
    private readonly bool _eager;
    private readonly ProgressMessageReader _progress;
    private readonly ExecutionMessageReader _execution;
    private readonly OutputFilesReader _outputs;
    private readonly BinaryFrameReader _binary;
    private readonly FixedShapeReader? _shapes;

    /// <summary>Creates a parser for one connection.</summary>
    public ComfyEventParser()
        : this(eager: false)
    {
    }

    /// <param name="eager">Read every part of every message at parse time: the reference the lazy parts are tested against.</param>
    internal ComfyEventParser(bool eager)
        : this(eager, fixedShapes: !eager)
    {
    }

    /// <param name="eager">As above.</param>
    /// <param name="fixedShapes">Match frames in ComfyUI's exact shape byte by byte first (<see cref="FixedShapeReader"/>); without it every frame goes through the reader, the reference the fast path is tested against.</param>
    internal ComfyEventParser(bool eager, bool fixedShapes)
    {
        _eager = eager;
        var fields = new JsonFields();
        _progress = new ProgressMessageReader(fields);
        _execution = new ExecutionMessageReader(fields);
        _outputs = new OutputFilesReader(fields);
        _binary = new BinaryFrameReader(fields);
        _shapes = fixedShapes ? new FixedShapeReader(fields) : null;
    }

    /// <summary>Parses one JSON text frame (<c>{"type": ..., "data": {...}}</c>) given as UTF-8 bytes.</summary>
    /// <returns>The typed event; <see cref="UnknownEvent"/> for a type this client does not know.</returns>
    /// <exception cref="ComfyProtocolException">The frame is not JSON or lacks the envelope's fields.</exception>
    public ComfyEvent Parse(ReadOnlySpan<byte> utf8Json)
    {
        // ComfyUI's own shape first; anything off it is read by the reader from the start, to the same event or error.
        if (_shapes?.TryRead(utf8Json) is { } fast)
        {
            return fast;
        }

        try
        {
            return ParseEnvelope(utf8Json);
        }
        catch (JsonException ex)
        {
            throw new ComfyProtocolException($"An event-stream text frame is not valid JSON ({ex.Message}); frame starts with '{Preview(utf8Json)}'.", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new ComfyProtocolException($"An event-stream text frame has a field of the wrong JSON type ({ex.Message}); frame starts with '{Preview(utf8Json)}'.", ex);
        }
        catch (FormatException ex)
        {
            throw new ComfyProtocolException($"An event-stream text frame has a number out of range ({ex.Message}); frame starts with '{Preview(utf8Json)}'.", ex);
        }
    }

    /// <summary>
    /// Parses the <c>data</c> object of a message whose type is known from elsewhere, such as the
    /// <c>[type, data]</c> pairs in a history entry's <c>status.messages</c>.
    /// </summary>
    /// <param name="type">The message type, e.g. <c>execution_error</c>.</param>
    /// <param name="utf8Data">The data object as UTF-8 JSON.</param>
    /// <exception cref="ComfyProtocolException">The data is not a JSON object of the expected shape.</exception>
    public ComfyEvent ParseData(string type, ReadOnlySpan<byte> utf8Data)
    {
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            var kind = KindOf(System.Text.Encoding.UTF8.GetBytes(type));
            if (kind == EventKind.Unknown)
            {
                return new UnknownEvent(type);
            }

            var reader = new Utf8JsonReader(utf8Data);
            reader.Read();
            return ReadData(kind, ref reader, utf8Data);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new ComfyProtocolException($"The data of a '{type}' message is malformed ({ex.Message}); it starts with '{Preview(utf8Data)}'.", ex);
        }
    }

    /// <summary>
    /// Parses one binary frame. The returned event's image is a slice of <paramref name="frame"/>, so the caller
    /// must not reuse the frame's buffer while the event is alive.
    /// </summary>
    /// <returns>A <see cref="PreviewImageEvent"/>, a <see cref="TextEvent"/> or, for other types, an <see cref="UnknownEvent"/>.</returns>
    /// <exception cref="ComfyProtocolException">The frame is shorter than its header says.</exception>
    public ComfyEvent ParseBinary(ReadOnlyMemory<byte> frame) => _binary.Read(frame);

    private ComfyEvent ParseEnvelope(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ComfyProtocolException($"An event-stream text frame must be a JSON object with 'type' and 'data'; got '{Preview(json)}'.");
        }

        var kind = EventKind.None;
        var dataStart = -1;
        var dataEnd = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new ComfyProtocolException($"An event-stream frame's 'type' must be a string; got {reader.TokenType} in '{Preview(json)}'.");
                }

                kind = reader.ValueIsEscaped ? KindOf(System.Text.Encoding.UTF8.GetBytes(reader.GetString()!)) : KindOf(reader.ValueSpan);
                if (kind == EventKind.Unknown)
                {
                    return new UnknownEvent(reader.GetString()!);
                }
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (kind != EventKind.None)
                {
                    // The usual order: type first, so the data is read in the same pass.
                    return ReadData(kind, ref reader, json);
                }

                dataStart = (int)reader.TokenStartIndex;
                reader.Skip();
                dataEnd = (int)reader.BytesConsumed;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (kind == EventKind.None)
        {
            throw new ComfyProtocolException($"An event-stream text frame has no 'type'; got '{Preview(json)}'.");
        }

        if (dataStart < 0)
        {
            throw new ComfyProtocolException($"A {kind} frame has no 'data' object; got '{Preview(json)}'.");
        }

        var slice = json[dataStart..dataEnd];
        var dataReader = new Utf8JsonReader(slice);
        dataReader.Read();
        return ReadData(kind, ref dataReader, slice);
    }

    private ComfyEvent ReadData(EventKind kind, ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ComfyProtocolException($"The 'data' of a {kind} message must be a JSON object; got {reader.TokenType}.");
        }

        return kind switch
        {
            EventKind.Progress => _progress.ReadProgress(ref reader),
            EventKind.ProgressState => _progress.ReadProgressState(ref reader, source, _eager),
            EventKind.Executing => _execution.ReadExecuting(ref reader),
            EventKind.Executed => _outputs.ReadExecuted(ref reader, source, _eager),
            EventKind.Status => ServerMessageReader.ReadStatus(ref reader),
            EventKind.ExecutionStart => _execution.ReadStart(ref reader),
            EventKind.ExecutionCached => _execution.ReadCached(ref reader),
            EventKind.ExecutionSuccess => _execution.ReadSuccess(ref reader),
            EventKind.ExecutionError => _execution.ReadError(ref reader),
            EventKind.ExecutionInterrupted => _execution.ReadInterrupted(ref reader),
            EventKind.FeatureFlags => ServerMessageReader.ReadFeatureFlags(ref reader),
            EventKind.Logs => ServerMessageReader.ReadLogs(ref reader),
            _ => throw new ComfyProtocolException($"Unhandled event kind {kind}."),
        };
    }

    // By length first: one or two comparisons per frame instead of up to twelve, since every frame is dispatched here
    // (and by the fast path, FixedShapeReader).
    internal static EventKind KindOf(ReadOnlySpan<byte> type) => type.Length switch
    {
        4 when type.SequenceEqual("logs"u8) => EventKind.Logs,
        6 when type.SequenceEqual("status"u8) => EventKind.Status,
        8 when type.SequenceEqual("progress"u8) => EventKind.Progress,
        8 when type.SequenceEqual("executed"u8) => EventKind.Executed,
        9 when type.SequenceEqual("executing"u8) => EventKind.Executing,
        13 when type.SequenceEqual("feature_flags"u8) => EventKind.FeatureFlags,
        14 when type.SequenceEqual("progress_state"u8) => EventKind.ProgressState,
        15 when type.SequenceEqual("execution_start"u8) => EventKind.ExecutionStart,
        15 when type.SequenceEqual("execution_error"u8) => EventKind.ExecutionError,
        16 when type.SequenceEqual("execution_cached"u8) => EventKind.ExecutionCached,
        17 when type.SequenceEqual("execution_success"u8) => EventKind.ExecutionSuccess,
        21 when type.SequenceEqual("execution_interrupted"u8) => EventKind.ExecutionInterrupted,
        _ => EventKind.Unknown,
    };

    private static string Preview(ReadOnlySpan<byte> utf8)
    {
        var head = utf8.Length > 120 ? utf8[..120] : utf8;
        return System.Text.Encoding.UTF8.GetString(head);
    }

    internal enum EventKind
    {
        None,
        Unknown,
        Status,
        FeatureFlags,
        ExecutionStart,
        ExecutionCached,
        Executing,
        Progress,
        ProgressState,
        Executed,
        ExecutionSuccess,
        ExecutionError,
        ExecutionInterrupted,
        Logs,
    }
}
