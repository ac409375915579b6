namespace ComfyBot.Discord.Messages;

/// <summary>
/// A file sent with a message as part <c>files[n]</c>. The bytes are kept in memory so that a retried request
/// can send them again.
/// </summary>
/// <param name="FileName">The name Discord shows and that <c>attachment://</c> refers to.</param>
/// <param name="Content">The file's bytes.</param>
public sealed record FileUpload(string FileName, ReadOnlyMemory<byte> Content)
{
    /// <summary>The part's Content-Type; by default guessed from the extension.</summary>
    public string? ContentType { get; init; }

    /// <summary>Alt text, at most 1024 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Hidden behind a spoiler overlay.</summary>
    public bool IsSpoiler { get; init; }
}
