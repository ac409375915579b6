namespace ComfyBot.Core.Progress;

/// <summary>An image to attach to a reply: its file name, media type (image/png, image/jpeg, image/webp) and bytes.</summary>
/// <param name="FileName">The attachment's file name, with an extension matching <paramref name="MediaType"/>.</param>
/// <param name="MediaType">The MIME type of <paramref name="Content"/>.</param>
/// <param name="Content">The encoded image.</param>
public sealed record ReplyImage(string FileName, string MediaType, ReadOnlyMemory<byte> Content);
