namespace ComfyBot.Discord.Messages;

/// <summary>The message flags a bot may set when sending.</summary>
[Flags]
public enum MessageFlags
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>Do not show link embeds.</summary>
    SuppressEmbeds = 1 << 2,

    /// <summary>Only the invoking user sees the message (interaction responses only).</summary>
    Ephemeral = 1 << 6,

    /// <summary>No push or desktop notification.</summary>
    SuppressNotifications = 1 << 12,
}
