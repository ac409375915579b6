namespace ComfyBot.Testing.Traces;

/// <summary>The <c>kind</c> of a recorded trace line.</summary>
public enum TraceRecordKind
{
    /// <summary>A kind this reader does not know.</summary>
    Unknown,

    /// <summary><c>note</c>: what the recording client was doing or found.</summary>
    Note,

    /// <summary><c>http</c>: one HTTP exchange, written when the response arrived.</summary>
    Http,

    /// <summary><c>ws_open</c>: a WebSocket connection opened.</summary>
    WsOpen,

    /// <summary><c>ws_closed</c>: a WebSocket connection closed.</summary>
    WsClosed,

    /// <summary><c>ws_send</c>: a text frame the client sent.</summary>
    WsSend,

    /// <summary><c>ws_text</c>: a text frame the server sent.</summary>
    WsText,

    /// <summary><c>ws_binary</c>: a binary frame the server sent.</summary>
    WsBinary,
}
