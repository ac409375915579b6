namespace ComfyBot.Discord.Commands;

/// <summary>Discord's application command option types.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Discord's own names for the option types.")]
public enum CommandOptionType
{
    /// <summary>A subcommand; its options are the parameters.</summary>
    Subcommand = 1,

    /// <summary>A group of subcommands.</summary>
    SubcommandGroup = 2,

    /// <summary>Text.</summary>
    String = 3,

    /// <summary>An integer between -2^53 and 2^53.</summary>
    Integer = 4,

    /// <summary>True or false.</summary>
    Boolean = 5,

    /// <summary>A user.</summary>
    User = 6,

    /// <summary>A channel.</summary>
    Channel = 7,

    /// <summary>A role.</summary>
    Role = 8,

    /// <summary>A user or a role.</summary>
    Mentionable = 9,

    /// <summary>A double.</summary>
    Number = 10,

    /// <summary>A file.</summary>
    Attachment = 11,
}
