namespace ComfyBot.Simulator.Sockets;

/// <summary>A frame ready for the wire: UTF-8 JSON text or a binary event.</summary>
internal readonly record struct OutboundFrame(ReadOnlyMemory<byte> Payload, bool IsText);
