using System.Text;
using System.Text.Json.Nodes;

namespace ComfyBot.Testing.Traces;

/// <summary>
/// One line of a ComfyUI recording (tests/fixtures/comfy/traces/NN_*.jsonl). Fields absent from a record's
/// kind are null; <see cref="Line"/> keeps the whole object for anything else (notes, binary metadata).
/// </summary>
/// <param name="Seq">Global order of the record.</param>
/// <param name="T">Seconds since the recorder started.</param>
/// <param name="Kind">ws_open, ws_send, ws_text, ws_binary, ws_closed, http or note.</param>
/// <param name="Client">Logical client id (A, B, anon ...) for WebSocket records.</param>
/// <param name="Conn">Connection (A#1, A#2 ...) for WebSocket records.</param>
/// <param name="Type">The message type of a ws_text record.</param>
/// <param name="Raw">The verbatim frame text of ws_text / ws_send.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">HTTP path with query (or the WebSocket path of ws_open).</param>
/// <param name="Status">HTTP status code.</param>
/// <param name="Json">HTTP response body when it was JSON.</param>
/// <param name="Line">The whole record.</param>
public sealed record TraceRecord(
    long Seq,
    double T,
    string Kind,
    string? Client,
    string? Conn,
    string? Type,
    string? Raw,
    string? Method,
    string? Path,
    int? Status,
    JsonNode? Json,
    JsonObject Line)
{
    /// <summary>The request body of an http record: request_json, or request_raw parsed when it is JSON.</summary>
    public JsonNode? RequestJson => Line["request_json"];

    /// <summary>The request body of an http record as sent, when it was recorded raw (the validation bodies).</summary>
    public string? RequestRaw => Line["request_raw"]?.GetValue<string>();

    /// <summary>The binary event type (1 preview, 4 preview with metadata) of a ws_binary record.</summary>
    public int? BinaryEvent => Line["event"] is JsonValue v && v.TryGetValue<int>(out var e) ? e : null;

    /// <summary>The note attached to a record ("note" field of http records, "text" of notes).</summary>
    public string? Note => (Line["note"] ?? Line["text"])?.ToString();

    /// <summary>The parsed <see cref="Raw"/> frame of a ws_text record.</summary>
    public JsonObject? Message => Kind == "ws_text" && Raw is not null ? JsonNode.Parse(Raw) as JsonObject : null;

    /// <summary>A file under traces/ holding the raw frame or body (e.g. <c>files/ws_binary_001_A-1_event1.bin</c>).</summary>
    public string? Saved => Line["saved"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The first 16 bytes of a ws_binary frame, as lower-case hex.</summary>
    public string? Head16 => Line["head16"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The response body of an http record as UTF-8 JSON, or empty when it had none.</summary>
    public byte[] JsonBytes() => Json is null ? [] : Encoding.UTF8.GetBytes(Json.ToJsonString());
}
