namespace ComfyBot.Discord.Commands;

/// <summary>Where a command may be used.</summary>
public enum InteractionContextType
{
    /// <summary>In a server.</summary>
    Guild = 0,

    /// <summary>In the DM with the bot.</summary>
    BotDm = 1,

    /// <summary>In group DMs and DMs with others (user-installed apps).</summary>
    PrivateChannel = 2,
}
