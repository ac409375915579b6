using System.Diagnostics.CodeAnalysis;

namespace ComfyBot.Discord.Interactions;

/// <summary>The type of a command option, which decides how its value arrives.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The names are Discord's own option type names.")]
public enum ApplicationCommandOptionType
{
    /// <summary>A subcommand; its parameters are nested options.</summary>
    SubCommand = 1,

    /// <summary>A group of subcommands.</summary>
    SubCommandGroup = 2,

    /// <summary>A string.</summary>
    String = 3,

    /// <summary>A whole number in ±(2^53−1).</summary>
    Integer = 4,

    /// <summary>A boolean.</summary>
    Boolean = 5,

    /// <summary>A user id, resolved in <c>resolved.users</c> (and <c>members</c> in a guild).</summary>
    User = 6,

    /// <summary>A channel id, resolved in <c>resolved.channels</c>.</summary>
    Channel = 7,

    /// <summary>A role id, resolved in <c>resolved.roles</c>.</summary>
    Role = 8,

    /// <summary>A user or role id.</summary>
    Mentionable = 9,

    /// <summary>A double.</summary>
    Number = 10,

    /// <summary>An attachment id, resolved in <c>resolved.attachments</c>.</summary>
    Attachment = 11,
}
