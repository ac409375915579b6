namespace ComfyBot.Comfy.Tracking;

/// <summary>
/// An output image that came only over the WebSocket (a <c>SaveImageWebsocket</c> node): ComfyUI keeps no file of it,
/// so /history lists nothing and /view cannot serve it.
/// </summary>
/// <param name="NodeId">The node that sent it.</param>
/// <param name="MimeType"><c>image/png</c> (what SaveImageWebsocket sends) or <c>image/jpeg</c>.</param>
/// <param name="Data">The encoded image, a copy owned by this record.</param>
public sealed record StreamedImage(string NodeId, string MimeType, ReadOnlyMemory<byte> Data);
