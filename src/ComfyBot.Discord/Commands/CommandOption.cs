namespace ComfyBot.Discord.Commands;

/// <summary>A parameter, subcommand or subcommand group of a <see cref="CommandDefinition"/>.</summary>
/// <param name="Type">What kind of value (or a subcommand or group).</param>
/// <param name="Name">Lowercase, 1-32 characters, unique among its siblings.</param>
/// <param name="Description">1-100 characters.</param>
public sealed record CommandOption(ApplicationCommandOptionType Type, string Name, string Description)
{
    /// <summary>Whether the user must fill it; required options come before optional ones.</summary>
    public bool Required { get; init; }

    /// <summary>The only accepted values (at most 25), for string, integer and number options.</summary>
    public IReadOnlyList<CommandChoice>? Choices { get; init; }

    /// <summary>Suggestions come from the bot while typing; not together with <see cref="Choices"/>.</summary>
    public bool Autocomplete { get; init; }

    /// <summary>The smallest value of an integer or number option.</summary>
    public double? MinValue { get; init; }

    /// <summary>The largest value of an integer or number option.</summary>
    public double? MaxValue { get; init; }

    /// <summary>The shortest string accepted (0-6000).</summary>
    public int? MinLength { get; init; }

    /// <summary>The longest string accepted (1-6000).</summary>
    public int? MaxLength { get; init; }

    /// <summary>The parameters of a subcommand, or the subcommands of a group.</summary>
    public IReadOnlyList<CommandOption>? Options { get; init; }
}
