namespace ComfyBot.FakeDiscord.Messages;

/// <summary>The message flag bits the fake interprets.</summary>
public static class MessageFlags
{
    /// <summary>SUPPRESS_EMBEDS.</summary>
    public const int SuppressEmbeds = 1 << 2;

    /// <summary>EPHEMERAL.</summary>
    public const int Ephemeral = 1 << 6;

    /// <summary>LOADING: a deferred interaction response that has not been edited yet.</summary>
    public const int Loading = 1 << 7;

    /// <summary>SUPPRESS_NOTIFICATIONS.</summary>
    public const int SuppressNotifications = 1 << 12;

    /// <summary>IS_VOICE_MESSAGE.</summary>
    public const int IsVoiceMessage = 1 << 13;

    /// <summary>IS_COMPONENTS_V2.</summary>
    public const int IsComponentsV2 = 1 << 15;

    /// <summary>What a client may set when creating a message or an interaction response.</summary>
    public const int Settable = SuppressEmbeds | Ephemeral | SuppressNotifications | IsVoiceMessage | IsComponentsV2;
}
