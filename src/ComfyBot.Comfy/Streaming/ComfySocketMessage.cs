namespace ComfyBot.Comfy.Streaming;

/// <summary>One whole WebSocket message.</summary>
/// <param name="IsText">True for a text frame, false for binary.</param>
/// <param name="Payload">The bytes; owned by the socket until its next receive.</param>
internal readonly record struct ComfySocketMessage(bool IsText, ReadOnlyMemory<byte> Payload);
