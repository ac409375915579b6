namespace ComfyBot.Discord.Gateway;

/// <summary>Which event groups the gateway sends (IDENTIFY <c>intents</c>). INTERACTION_CREATE needs none.</summary>
[Flags]
public enum GatewayIntents
{
    /// <summary>No events beyond those every session gets (READY, RESUMED, INTERACTION_CREATE).</summary>
    None = 0,

    /// <summary>Guild and channel create/update/delete; a sensible minimum.</summary>
    Guilds = 1 << 0,

    /// <summary>Privileged: member events. Needs enabling in the developer portal, or the gateway closes with 4014.</summary>
    GuildMembers = 1 << 1,

    /// <summary>Guild message events.</summary>
    GuildMessages = 1 << 9,

    /// <summary>Direct message events.</summary>
    DirectMessages = 1 << 12,

    /// <summary>Privileged: message content. Needs enabling in the developer portal.</summary>
    MessageContent = 1 << 15,
}
