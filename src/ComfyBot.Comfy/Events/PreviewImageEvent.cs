namespace ComfyBot.Comfy.Events;

/// <summary>
/// A preview image (binary type 1, or type 4 with metadata). Type-1 frames name no prompt; the event stream
/// attributes them to the prompt of the last <c>executing</c>/<c>progress</c> seen on the socket.
/// </summary>
/// <param name="PromptId">The prompt, from the metadata or attributed by the stream; null when unknown.</param>
/// <param name="NodeId">The node, for type-4 frames.</param>
/// <param name="MimeType"><c>image/jpeg</c> or <c>image/png</c>.</param>
/// <param name="Image">The encoded image: a slice of the received frame, not a copy.</param>
/// <param name="HasMetadata">True for a type-4 frame.</param>
public sealed record PreviewImageEvent(string? PromptId, string? NodeId, string MimeType, ReadOnlyMemory<byte> Image, bool HasMetadata)
    : ComfyEvent(PromptId);
