using ComfyBot.Core.Progress;

namespace ComfyBot.Tests.Replies;

/// <summary>Small distinct byte payloads standing in for encoded images (the view never decodes them).</summary>
internal static class Images
{
    public static ReplyImage Png(string name, byte mark) => new(name, "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, mark, mark, mark });

    public static ReplyImage Jpeg(byte mark) => new("preview.jpg", "image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF, mark });

    public static IReadOnlyList<ReplyImage> Pngs(int count) => [.. Enumerable.Range(1, count).Select(i => Png($"image-{i}.png", (byte)i))];
}
