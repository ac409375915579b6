namespace ComfyBot.Discord.Interactions;

/// <summary>
/// One option as the user filled it in. A subcommand or group carries nested <see cref="Options"/>; any
/// other option carries a value, exposed through the property that matches its <see cref="Type"/>.
/// </summary>
public sealed record InteractionOption
{
    /// <summary>The option's name.</summary>
    public required string Name { get; init; }

    /// <summary>The option's type.</summary>
    public required ApplicationCommandOptionType Type { get; init; }

    /// <summary>True on the option the user is typing into (autocomplete only).</summary>
    public bool Focused { get; init; }

    /// <summary>The nested options of a subcommand or group; empty otherwise.</summary>
    public IReadOnlyList<InteractionOption> Options { get; init; } = [];

    /// <summary>
    /// The value as text: a string option's value, the digits of an id, or, during autocomplete, the
    /// partial text the user typed (which may not parse as the option's type yet).
    /// </summary>
    public string? Text { get; init; }

    /// <summary>The value of an integer option.</summary>
    public long? IntegerValue { get; init; }

    /// <summary>The value of a number option (also set for integers).</summary>
    public double? NumberValue { get; init; }

    /// <summary>The value of a boolean option.</summary>
    public bool? BooleanValue { get; init; }

    /// <summary>The id carried by a user, channel, role, mentionable or attachment option.</summary>
    public Snowflake? Id { get; init; }

    /// <summary>Whether this option is a subcommand or group rather than a value.</summary>
    public bool IsSubcommandOrGroup => Type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup;
}
