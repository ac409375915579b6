namespace ComfyBot.Discord.Rest;

/// <summary>The JSON error codes (not HTTP statuses) that callers act on.</summary>
public static class DiscordErrorCode
{
    /// <summary>10003: the channel does not exist or the bot cannot see it.</summary>
    public const int UnknownChannel = 10003;

    /// <summary>10008: the message was deleted.</summary>
    public const int UnknownMessage = 10008;

    /// <summary>10015: the webhook (or interaction webhook) is gone.</summary>
    public const int UnknownWebhook = 10015;

    /// <summary>10062: the interaction was not answered within 3 seconds, or the id is wrong.</summary>
    public const int UnknownInteraction = 10062;

    /// <summary>40060: a second callback for the same interaction.</summary>
    public const int InteractionAlreadyAcknowledged = 40060;

    /// <summary>50013: the bot lacks a permission.</summary>
    public const int MissingPermissions = 50013;

    /// <summary>50027: the interaction token expired (15 minutes).</summary>
    public const int InvalidWebhookToken = 50027;

    /// <summary>50035: the body failed validation; see the field errors.</summary>
    public const int InvalidFormBody = 50035;
}
