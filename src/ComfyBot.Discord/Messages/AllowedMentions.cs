using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Messages;

/// <summary>
/// Who a message may ping. The default for every <see cref="MessageBody"/> is <see cref="None"/>, because the
/// bot echoes user text (prompts) that could contain @everyone or role mentions.
/// </summary>
public sealed record AllowedMentions
{
    /// <summary>Nobody is pinged, whatever the content says: <c>{"parse": []}</c>.</summary>
    public static AllowedMentions None { get; } = new();

    /// <summary>Which mention kinds are parsed from the content: <c>users</c>, <c>roles</c>, <c>everyone</c>.</summary>
    [JsonPropertyName("parse")]
    public IReadOnlyList<string> Parse { get; init; } = [];

    /// <summary>Users that may be pinged even though <c>users</c> is not parsed.</summary>
    [JsonPropertyName("users")]
    public IReadOnlyList<Snowflake>? Users { get; init; }

    /// <summary>Roles that may be pinged even though <c>roles</c> is not parsed.</summary>
    [JsonPropertyName("roles")]
    public IReadOnlyList<Snowflake>? Roles { get; init; }

    /// <summary>Whether a reply pings the author of the replied-to message.</summary>
    [JsonPropertyName("replied_user")]
    public bool? RepliedUser { get; init; }

    /// <summary>Pings exactly these users and nobody else.</summary>
    public static AllowedMentions OnlyUsers(params IReadOnlyList<Snowflake> users) => new() { Users = users };
}
