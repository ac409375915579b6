namespace ComfyBot.Discord.Interactions;

/// <summary>
/// The <c>data</c> of a command or autocomplete interaction. The typed getters read the command's
/// parameters, which sit under the invoked subcommand (and group) when there is one.
/// </summary>
public sealed partial record ApplicationCommandData
{
    /// <summary>The command's id.</summary>
    public required Snowflake Id { get; init; }

    /// <summary>The command's name.</summary>
    public required string Name { get; init; }

    /// <summary>Slash, user or message command.</summary>
    public ApplicationCommandType Type { get; init; } = ApplicationCommandType.ChatInput;

    /// <summary>The guild the command is registered in, for guild commands.</summary>
    public Snowflake? GuildId { get; init; }

    /// <summary>The user or message a context-menu command targets.</summary>
    public Snowflake? TargetId { get; init; }

    /// <summary>The top-level options, as sent.</summary>
    public IReadOnlyList<InteractionOption> Options { get; init; } = [];

    /// <summary>The users, members, roles, channels and attachments the options refer to.</summary>
    public InteractionResolved Resolved { get; init; } = InteractionResolved.Empty;

    /// <summary>The invoked subcommand group's name, if any.</summary>
    public string? SubcommandGroup =>
        Options.Count == 1 && Options[0].Type == ApplicationCommandOptionType.SubCommandGroup ? Options[0].Name : null;

    /// <summary>The invoked subcommand's name, if any (inside its group, if there is one).</summary>
    public string? Subcommand
    {
        get
        {
            var level = Options;
            if (level.Count == 1 && level[0].Type == ApplicationCommandOptionType.SubCommandGroup)
            {
                level = level[0].Options;
            }

            return level.Count == 1 && level[0].Type == ApplicationCommandOptionType.SubCommand ? level[0].Name : null;
        }
    }

    /// <summary>The parameters the user filled in: the options below the subcommand and group, if any.</summary>
    public IReadOnlyList<InteractionOption> Parameters
    {
        get
        {
            var level = Options;
            while (level.Count == 1 && level[0].IsSubcommandOrGroup)
            {
                level = level[0].Options;
            }

            return level;
        }
    }

    /// <summary>The option the user is typing into (autocomplete), searched at every level; null if none.</summary>
    public InteractionOption? Focused => FindFocused(Options);

    private static InteractionOption? FindFocused(IReadOnlyList<InteractionOption> options)
    {
        foreach (var option in options)
        {
            if (option.Focused)
            {
                return option;
            }

            if (option.Options.Count > 0 && FindFocused(option.Options) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }
}
