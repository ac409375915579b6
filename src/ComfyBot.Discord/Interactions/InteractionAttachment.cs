namespace ComfyBot.Discord.Interactions;

/// <summary>A resolved attachment: a file the user uploaded with an attachment option.</summary>
public sealed record InteractionAttachment
{
    /// <summary>The attachment's id.</summary>
    public required Snowflake Id { get; init; }

    /// <summary>The file name.</summary>
    public required string Filename { get; init; }

    /// <summary>The size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>Where to download it.</summary>
    public required string Url { get; init; }

    /// <summary>The proxied download URL.</summary>
    public string? ProxyUrl { get; init; }

    /// <summary>The media type, e.g. image/png.</summary>
    public string? ContentType { get; init; }

    /// <summary>The image width in pixels, for images.</summary>
    public int? Width { get; init; }

    /// <summary>The image height in pixels, for images.</summary>
    public int? Height { get; init; }

    /// <summary>The alt text.</summary>
    public string? Description { get; init; }

    /// <summary>Whether the attachment is ephemeral (uploaded for this interaction only).</summary>
    public bool Ephemeral { get; init; }
}
