namespace ComfyBot.FakeDiscord.Messages;

/// <summary>A file attached to one state of a message, with the bytes that were uploaded.</summary>
public sealed class FakeAttachment
{
    /// <summary>The file name prefix Discord's clients show as a spoiler.</summary>
    public const string SpoilerPrefix = "SPOILER_";

    /// <summary>The attachment flag IS_SPOILER (1 &lt;&lt; 3) Discord sets on a spoiler.</summary>
    public const int SpoilerFlag = 1 << 3;

    /// <summary>Snowflake the fake assigned on upload.</summary>
    public required ulong Id { get; init; }

    /// <summary>File name from the attachment metadata (or the multipart part).</summary>
    public required string Filename { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Size => Bytes.Length;

    /// <summary>Content type of the uploaded part, if it had one.</summary>
    public string? ContentType { get; init; }

    /// <summary>Alt text.</summary>
    public string? Description { get; init; }

    /// <summary>Whether it is marked as a spoiler.</summary>
    public bool IsSpoiler { get; init; }

    /// <summary>The uploaded bytes.</summary>
    public required ReadOnlyMemory<byte> Bytes { get; init; }

    /// <summary>Where the fake serves the bytes (as Discord's CDN would).</summary>
    public required Uri Url { get; init; }

    /// <summary>A copy with new metadata (kept attachments may change description and spoiler).</summary>
    internal FakeAttachment With(string? description, bool? isSpoiler) => new()
    {
        Id = Id,
        Filename = Filename,
        ContentType = ContentType,
        Description = description ?? Description,
        IsSpoiler = isSpoiler ?? IsSpoiler,
        Bytes = Bytes,
        Url = Url,
    };
}
