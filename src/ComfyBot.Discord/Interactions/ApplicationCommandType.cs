namespace ComfyBot.Discord.Interactions;

/// <summary>The kind of an application command (<c>data.type</c>).</summary>
public enum ApplicationCommandType
{
    /// <summary>A slash command.</summary>
    ChatInput = 1,

    /// <summary>A command from a user's context menu.</summary>
    User = 2,

    /// <summary>A command from a message's context menu.</summary>
    Message = 3,

    /// <summary>An activity's entry point.</summary>
    PrimaryEntryPoint = 4,
}
