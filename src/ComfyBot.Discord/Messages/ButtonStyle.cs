namespace ComfyBot.Discord.Messages;

/// <summary>How a button looks; every style but <see cref="Link"/> sends an interaction with its custom_id.</summary>
public enum ButtonStyle
{
    /// <summary>Blurple.</summary>
    Primary = 1,

    /// <summary>Grey.</summary>
    Secondary = 2,

    /// <summary>Green.</summary>
    Success = 3,

    /// <summary>Red.</summary>
    Danger = 4,

    /// <summary>Opens a URL; needs <see cref="Button.Url"/> and no custom_id.</summary>
    Link = 5,
}
