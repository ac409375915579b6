using System.Text.Json;

namespace ComfyBot.Testing.Traces;

/// <summary>
/// One line of a ComfyUI recording (tests/fixtures/comfy/traces/NN_*.jsonl). The common fields are typed;
/// <see cref="Element"/> holds the whole line for anything else.
/// </summary>
public sealed class TraceRecord
{
    internal TraceRecord(JsonElement element)
    {
        Element = element;
        Seq = element.GetProperty("seq").GetInt64();
        T = element.TryGetProperty("t", out var t) ? t.GetDouble() : 0;
        Kind = KindOf(element.GetProperty("kind").GetString());
        Client = TextField("client");
        Conn = TextField("conn");
        Type = TextField("type");
        Raw = TextField("raw");
        Method = TextField("method");
        Path = TextField("path");
        Saved = TextField("saved");
        Head16 = TextField("head16");
        Status = element.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null;
        Event = element.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32() : null;
        Json = element.TryGetProperty("json", out var j) ? j : null;
        RequestJson = element.TryGetProperty("request_json", out var r) ? r : null;
        Text = TextField("text");
    }

    /// <summary>Global order across all scenarios.</summary>
    public long Seq { get; }

    /// <summary>Seconds since the recorder started (monotonic).</summary>
    public double T { get; }

    /// <summary>What the line records.</summary>
    public TraceRecordKind Kind { get; }

    /// <summary>The logical client id (A, B, C) for WebSocket lines.</summary>
    public string? Client { get; }

    /// <summary>The connection (A#1, A#2 ...) for WebSocket lines.</summary>
    public string? Conn { get; }

    /// <summary>The message type for <c>ws_text</c>.</summary>
    public string? Type { get; }

    /// <summary>The verbatim frame text for <c>ws_text</c> and <c>ws_send</c>.</summary>
    public string? Raw { get; }

    /// <summary>The HTTP method for <c>http</c>.</summary>
    public string? Method { get; }

    /// <summary>The request path and query for <c>http</c>, or the socket path for <c>ws_open</c>.</summary>
    public string? Path { get; }

    /// <summary>The response status for <c>http</c>.</summary>
    public int? Status { get; }

    /// <summary>The response body when it was JSON (<c>http</c>).</summary>
    public JsonElement? Json { get; }

    /// <summary>The request body when it was JSON (<c>http</c>).</summary>
    public JsonElement? RequestJson { get; }

    /// <summary>The binary event type for <c>ws_binary</c>.</summary>
    public int? Event { get; }

    /// <summary>The first 16 bytes, hex, for <c>ws_binary</c>.</summary>
    public string? Head16 { get; }

    /// <summary>A file under traces/ holding the raw frame or body (e.g. <c>files/ws_binary_001_A-1_event1.bin</c>).</summary>
    public string? Saved { get; }

    /// <summary>The text of a <c>note</c>, or a non-JSON HTTP body.</summary>
    public string? Text { get; }

    /// <summary>The whole line.</summary>
    public JsonElement Element { get; }

    /// <summary>The response body of an <c>http</c> line as UTF-8 JSON, or empty when it had none.</summary>
    public byte[] JsonBytes() => Json is { } json ? JsonSerializer.SerializeToUtf8Bytes(json, TraceJsonContext.Default.JsonElement) : [];

    /// <inheritdoc />
    public override string ToString() => $"#{Seq} {Kind} {Conn ?? Method} {Type ?? Path}";

    private string? TextField(string name) =>
        Element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TraceRecordKind KindOf(string? kind) => kind switch
    {
        "note" => TraceRecordKind.Note,
        "http" => TraceRecordKind.Http,
        "ws_open" => TraceRecordKind.WsOpen,
        "ws_closed" => TraceRecordKind.WsClosed,
        "ws_send" => TraceRecordKind.WsSend,
        "ws_text" => TraceRecordKind.WsText,
        "ws_binary" => TraceRecordKind.WsBinary,
        _ => TraceRecordKind.Unknown,
    };
}
