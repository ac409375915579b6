using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>The parts of a message Discord returned that a sender needs to keep editing it.</summary>
public sealed record DiscordMessage
{
    /// <summary>The message id.</summary>
    [JsonPropertyName("id")]
    public Snowflake Id { get; init; }

    /// <summary>The channel it is in.</summary>
    [JsonPropertyName("channel_id")]
    public Snowflake ChannelId { get; init; }

    /// <summary>Its text.</summary>
    [JsonPropertyName("content")]
    public string Content { get; init; } = "";

    /// <summary>Its flags as a raw bit field (Discord sets more bits than a sender may).</summary>
    [JsonPropertyName("flags")]
    public int Flags { get; init; }

    /// <summary>Its attachments.</summary>
    [JsonPropertyName("attachments")]
    public IReadOnlyList<DiscordAttachment> Attachments { get; init; } = [];

    /// <summary>When it was last edited, if ever.</summary>
    [JsonPropertyName("edited_timestamp")]
    public DateTimeOffset? EditedTimestamp { get; init; }
}
