namespace ComfyBot.Discord.Commands;

/// <summary>How the app must be installed for a command to be offered.</summary>
public enum ApplicationIntegrationType
{
    /// <summary>Installed to a server.</summary>
    GuildInstall = 0,

    /// <summary>Installed to a user.</summary>
    UserInstall = 1,
}
