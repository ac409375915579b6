using System.Text.Json;
using System.Text.Json.Serialization;
using ComfyBot.Discord.Interactions;

namespace ComfyBot.Replies;

/// <summary>
/// Where a job's reply lives and how far it got: the interaction token and its expiry, the channel, the message
/// ids, whether the reply moved to a channel message, and how much of the final state was delivered. A restarted
/// bot restores it with <see cref="FromJson"/> and continues the reply. Holds the interaction token, a secret:
/// store the JSON, never log it; <see cref="ToString"/> leaves the token out.
/// </summary>
internal sealed record ChatTarget
{
    /// <summary>How long Discord accepts an interaction token.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The job this reply belongs to; used in button custom ids.</summary>
    [JsonPropertyName("job_id")]
    public required string JobId { get; init; }

    /// <summary>The application that received the interaction.</summary>
    [JsonPropertyName("application_id")]
    public required ulong ApplicationId { get; init; }

    // Kept as UTF-8 (about 300 bytes, not 600 as a string): every queued job's reply holds its token for as long as
    // the job waits, and reads it only to build a request's URL (issue 15).
    private readonly Utf8Secret _token;

    /// <summary>The interaction token (secret); empty once the final state and its followups are sent. Each read makes a new string.</summary>
    [JsonPropertyName("token")]
    public required string Token { get => _token.Reveal(); init => _token = new Utf8Secret(value); }

    /// <summary>When the token stops working: the interaction's creation plus 15 minutes.</summary>
    [JsonPropertyName("expires_at")]
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The guild, or null in a DM (jump links then use <c>@me</c>).</summary>
    [JsonPropertyName("guild_id")]
    public ulong? GuildId { get; init; }

    /// <summary>The channel the command was used in.</summary>
    [JsonPropertyName("channel_id")]
    public required ulong ChannelId { get; init; }

    /// <summary>The bot's permissions in that channel (the interaction's app_permissions); null when unknown.</summary>
    [JsonPropertyName("app_permissions")]
    public ulong? AppPermissions { get; init; }

    /// <summary>The largest file the interaction's channel accepts, in bytes.</summary>
    [JsonPropertyName("attachment_size_limit")]
    public long? AttachmentSizeLimit { get; init; }

    /// <summary>The channel message the reply moved to, once it moved.</summary>
    [JsonPropertyName("channel_message_id")]
    public ulong? ChannelMessageId { get; init; }

    /// <summary>Whether the original was already edited to point at the channel message.</summary>
    [JsonPropertyName("original_points_to_channel")]
    public bool OriginalPointsToChannel { get; init; }

    /// <summary>Whether the member was already told, in the original, why the reply cannot continue.</summary>
    [JsonPropertyName("permission_notice_sent")]
    public bool PermissionNoticeSent { get; init; }

    /// <summary>Whether the final state reached the reply message itself.</summary>
    [JsonPropertyName("final_delivered")]
    public bool FinalDelivered { get; init; }

    /// <summary>The followup messages (or channel messages, once moved) already sent with further final images.</summary>
    [JsonPropertyName("followup_ids")]
    public IReadOnlyList<ulong> FollowupIds { get; init; } = [];

    /// <summary>Whether the job's images (and previews) are sent as spoilers: /imagine's spoiler option, the channel's rule, or a spoiler source.</summary>
    [JsonPropertyName("spoiler")]
    public bool Spoiler { get; init; }

    /// <summary>
    /// Lines shown under every state's text: what the job is (e.g. "Upscale of image 2 of #12 by Alice" with a link to
    /// that reply), and the member's defaults it applied.
    /// </summary>
    [JsonPropertyName("caption")]
    public string? Caption { get; init; }

    /// <summary>The prompt (escaped, shortened) and its author, shown under the result.</summary>
    [JsonPropertyName("credit")]
    public string? Credit { get; init; }

    /// <summary>Whether a batch with a grid shows the grid alone (the member's /settings choice).</summary>
    [JsonPropertyName("grid_only")]
    public bool GridOnly { get; init; }

    /// <summary>Whether the reply is ephemeral (the member's private replies): it never moves to a channel message.</summary>
    [JsonPropertyName("private")]
    public bool Private { get; init; }

    /// <summary>Whether the reply now lives in a channel message posted with the bot token.</summary>
    [JsonIgnore]
    public bool IsMoved => ChannelMessageId is not null;

    /// <summary>A target for a fresh interaction reply (deferred, nothing delivered yet).</summary>
    public static ChatTarget ForInteraction(
        string jobId, ulong applicationId, string token, DateTimeOffset createdAt, ulong? guildId, ulong channelId,
        ulong? appPermissions, long? attachmentSizeLimit)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new ChatTarget
        {
            JobId = jobId,
            ApplicationId = applicationId,
            Token = token,
            ExpiresAt = createdAt + TokenLifetime,
            GuildId = guildId,
            ChannelId = channelId,
            AppPermissions = appPermissions,
            AttachmentSizeLimit = attachmentSizeLimit,
        };
    }

    /// <summary>A target for the reply to <paramref name="interaction"/> (a slash command or button the bot deferred).</summary>
    /// <exception cref="ArgumentException">The interaction has no channel, so no reply can be placed.</exception>
    public static ChatTarget ForInteraction(string jobId, Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var channel = interaction.ChannelId
            ?? throw new ArgumentException($"Interaction {interaction.Id} has no channel_id, so its reply cannot be continued in a channel.", nameof(interaction));
        return ForInteraction(
            jobId, interaction.ApplicationId.Value, interaction.Token, interaction.CreatedAt, interaction.GuildId?.Value, channel.Value,
            interaction.AppPermissions, interaction.AttachmentSizeLimit);
    }

    /// <summary>The JSON a job store keeps (contains the token: store it, never log it).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ChatTargetJsonContext.Default.ChatTarget);

    /// <summary>Restores a target saved with <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a saved chat target; the message says what is wrong.</exception>
    public static ChatTarget FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ChatTarget? target;
        try
        {
            target = JsonSerializer.Deserialize(json, ChatTargetJsonContext.Default.ChatTarget);
        }
        catch (JsonException e)
        {
            // JsonException messages quote paths, not values, so the token cannot leak through them.
            throw new FormatException($"A stored chat target is not valid JSON of the expected shape ({e.Path}): {e.Message} Re-create the reply's target from its interaction, or drop the job's chat target row.", e);
        }

        // A settled reply keeps no token (it is a secret, and nothing more is sent with it).
        if (target is null || (string.IsNullOrEmpty(target.Token) && !target.FinalDelivered) || string.IsNullOrEmpty(target.JobId) || target.ChannelId == 0 || target.ApplicationId == 0)
        {
            throw new FormatException("A stored chat target lacks job_id, application_id, token or channel_id. Re-create it from the interaction, or drop the job's chat target row.");
        }

        return target;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"chat target of job {JobId} in channel {ChannelId} (expires {ExpiresAt:O}{(IsMoved ? $", moved to message {ChannelMessageId}" : "")})";
}
