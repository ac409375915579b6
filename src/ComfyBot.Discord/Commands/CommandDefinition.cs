namespace ComfyBot.Discord.Commands;

/// <summary>
/// A slash command (CHAT_INPUT) as the bot declares it. Checked locally against Discord's rules before any request
/// (see <see cref="CommandRegistrar"/>).
/// </summary>
/// <param name="Name">Lowercase, 1-32 characters of letters, digits, '-' and '_'.</param>
/// <param name="Description">1-100 characters.</param>
public sealed record CommandDefinition(string Name, string Description)
{
    /// <summary>Parameters, or subcommands and groups; at most 25, required ones first.</summary>
    public IReadOnlyList<CommandOption> Options { get; init; } = [];

    /// <summary>
    /// The permission bits a member needs (e.g. 1 &lt;&lt; 5 for MANAGE_GUILD); 0 means administrators only, null
    /// means everyone. Sent as a string, as the docs require.
    /// </summary>
    public ulong? DefaultMemberPermissions { get; init; }

    /// <summary>Where the command may be used; null leaves Discord's default. Global commands only.</summary>
    public IReadOnlyList<InteractionContextType>? Contexts { get; init; }

    /// <summary>Which installs offer the command; null leaves Discord's default. Global commands only.</summary>
    public IReadOnlyList<ApplicationIntegrationType>? IntegrationTypes { get; init; }

    /// <summary>Deprecated in favour of <see cref="Contexts"/>: whether the command works in DMs; null leaves it out.</summary>
    public bool? DmPermission { get; init; }

    /// <summary>Only usable in age-restricted channels.</summary>
    public bool Nsfw { get; init; }
}
