using System.Text.RegularExpressions;
using ComfyBot.Discord.Rest;

namespace ComfyBot.Discord.Commands;

/// <summary>Discord's rules for slash commands, checked before anything is sent.</summary>
internal static partial class CommandValidator
{
    public const int MaxCommands = 100;
    public const int MaxOptions = 25;
    public const int MaxChoices = 25;
    public const int MaxTotalCharacters = 8000;
    private const double MaxSafeInteger = 9007199254740991;

    [GeneratedRegex(@"^[-_\p{L}\p{N}]{1,32}$")]
    private static partial Regex NamePattern();

    /// <summary>Throws <see cref="DiscordValidationException"/> listing every broken rule with its path.</summary>
    public static void Validate(IReadOnlyList<CommandDefinition> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var problems = new List<string>();
        if (commands.Count > MaxCommands)
        {
            problems.Add($"commands: {commands.Count} slash commands, at most {MaxCommands} per scope.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            var path = $"commands[{i}] ('{command.Name}')";
            ValidateName(command.Name, path, problems);
            if (!names.Add(command.Name))
            {
                problems.Add($"{path}.name: '{command.Name}' is defined twice; command names are unique per scope.");
            }

            ValidateDescription(command.Description, path, problems);
            if (command.Contexts is { } contexts && (contexts.Count == 0 || contexts.Distinct().Count() != contexts.Count))
            {
                problems.Add($"{path}.contexts: list each context once, and at least one (or leave it null for Discord's default).");
            }

            if (command.IntegrationTypes is { } types && (types.Count == 0 || types.Distinct().Count() != types.Count))
            {
                problems.Add($"{path}.integration_types: list each type once, and at least one (or leave it null for Discord's default).");
            }

            ValidateOptions(command.Options, path, depth: 0, problems);
            var total = command.Name.Length + command.Description.Length + CountCharacters(command.Options);
            if (total > MaxTotalCharacters)
            {
                problems.Add($"{path}: {total} characters in names, descriptions and choices, at most {MaxTotalCharacters} per command.");
            }
        }

        if (problems.Count > 0)
        {
            throw new DiscordValidationException("The command definitions", problems);
        }
    }

    /// <summary>A choice's name is 1-100 characters and a string value at most 100.</summary>
    public static void ValidateChoice(CommandChoice choice, string path, List<string> problems)
    {
        if (choice.Name is not { Length: >= 1 and <= 100 })
        {
            problems.Add($"{path}.name: {choice.Name?.Length ?? 0} characters, 1 to 100 allowed.");
        }

        if (choice.Value.Kind == ApplicationCommandOptionType.String && choice.Value.Text is { Length: > 100 })
        {
            problems.Add($"{path}.value: {choice.Value.Text.Length} characters, at most 100 allowed.");
        }

        if (choice.Value.Kind == ApplicationCommandOptionType.Integer && Math.Abs((double)choice.Value.Integer) > MaxSafeInteger)
        {
            problems.Add($"{path}.value: {choice.Value.Integer} is outside -2^53..2^53, which Discord cannot represent.");
        }
    }

    private static void ValidateOptions(IReadOnlyList<CommandOption>? options, string path, int depth, List<string> problems)
    {
        if (options is null || options.Count == 0)
        {
            return;
        }

        if (options.Count > MaxOptions)
        {
            problems.Add($"{path}.options: {options.Count} options, at most {MaxOptions} allowed.");
        }

        var nested = options.Count(o => o.Type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup);
        if (nested > 0 && nested != options.Count)
        {
            problems.Add($"{path}.options: mixes subcommands or groups with plain options; a level holds either only subcommands/groups or only parameters.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var seenOptional = false;
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            var optionPath = $"{path}.options[{i}] ('{option.Name}')";
            ValidateName(option.Name, optionPath, problems);
            ValidateDescription(option.Description, optionPath, problems);
            if (!names.Add(option.Name))
            {
                problems.Add($"{optionPath}.name: '{option.Name}' is used twice at this level.");
            }

            if (option.Required && seenOptional)
            {
                problems.Add($"{optionPath}.required: a required option comes after an optional one; move required options first.");
            }

            seenOptional |= !option.Required;
            ValidateOption(option, optionPath, depth, problems);
        }
    }

    private static void ValidateOption(CommandOption option, string path, int depth, List<string> problems)
    {
        switch (option.Type)
        {
            case ApplicationCommandOptionType.SubCommandGroup:
                if (depth > 0)
                {
                    problems.Add($"{path}: a subcommand group can only sit directly under the command.");
                }

                if (option.Options is not { Count: > 0 } || option.Options.Any(o => o.Type != ApplicationCommandOptionType.SubCommand))
                {
                    problems.Add($"{path}.options: a subcommand group must contain one or more subcommands and nothing else.");
                }

                ValidateOptions(option.Options, path, depth + 1, problems);
                return;
            case ApplicationCommandOptionType.SubCommand:
                if (depth > 1)
                {
                    problems.Add($"{path}: subcommands nest at most command > group > subcommand.");
                }

                if (option.Options?.Any(o => o.Type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup) == true)
                {
                    problems.Add($"{path}.options: a subcommand cannot contain subcommands or groups.");
                }

                ValidateOptions(option.Options, path, depth + 1, problems);
                return;
        }

        if (option.Options is { Count: > 0 })
        {
            problems.Add($"{path}.options: only subcommands and groups have nested options.");
        }

        var takesChoices = option.Type is ApplicationCommandOptionType.String or ApplicationCommandOptionType.Integer or ApplicationCommandOptionType.Number;
        if (option.Choices is { Count: > 0 } choices)
        {
            if (!takesChoices)
            {
                problems.Add($"{path}.choices: only string, integer and number options take choices.");
            }

            if (choices.Count > MaxChoices)
            {
                problems.Add($"{path}.choices: {choices.Count} choices, at most {MaxChoices} allowed; use autocomplete for longer lists.");
            }

            if (option.Autocomplete)
            {
                problems.Add($"{path}: autocomplete and choices exclude each other; keep one.");
            }

            for (var c = 0; c < choices.Count; c++)
            {
                ValidateChoice(choices[c], $"{path}.choices[{c}]", problems);
                if (takesChoices && choices[c].Value.Kind != option.Type)
                {
                    problems.Add($"{path}.choices[{c}].value: a {choices[c].Value.Kind} value in a {option.Type} option.");
                }
            }
        }

        if (option.Autocomplete && !takesChoices)
        {
            problems.Add($"{path}.autocomplete: only string, integer and number options autocomplete.");
        }

        if (option.MinValue is not null || option.MaxValue is not null)
        {
            if (option.Type is not (ApplicationCommandOptionType.Integer or ApplicationCommandOptionType.Number))
            {
                problems.Add($"{path}: min_value/max_value apply to integer and number options only.");
            }
            else if (option.MinValue > option.MaxValue)
            {
                problems.Add($"{path}: min_value {option.MinValue} is greater than max_value {option.MaxValue}.");
            }

            if (option.Type == ApplicationCommandOptionType.Integer
                && (option.MinValue is { } min && (min != Math.Floor(min) || Math.Abs(min) > MaxSafeInteger)
                    || option.MaxValue is { } max && (max != Math.Floor(max) || Math.Abs(max) > MaxSafeInteger)))
            {
                problems.Add($"{path}: an integer option's min_value/max_value must be whole numbers within -2^53..2^53.");
            }
        }

        if (option.MinLength is not null || option.MaxLength is not null)
        {
            if (option.Type != ApplicationCommandOptionType.String)
            {
                problems.Add($"{path}: min_length/max_length apply to string options only.");
            }
            else if (option.MinLength is < 0 or > 6000 || option.MaxLength is < 1 or > 6000 || option.MinLength > option.MaxLength)
            {
                problems.Add($"{path}: min_length {option.MinLength} and max_length {option.MaxLength} must satisfy 0 <= min <= max <= 6000, max >= 1.");
            }
        }
    }

    private static void ValidateName(string? name, string path, List<string> problems)
    {
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
        {
            problems.Add($"{path}.name: '{name}' must be 1-32 letters, digits, '-' or '_' (no spaces).");
        }
        else if (!string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
        {
            problems.Add($"{path}.name: '{name}' must be lowercase; use '{name.ToLowerInvariant()}'.");
        }
    }

    private static void ValidateDescription(string? description, string path, List<string> problems)
    {
        if (description is not { Length: >= 1 and <= 100 })
        {
            problems.Add($"{path}.description: {description?.Length ?? 0} characters, 1 to 100 allowed.");
        }
    }

    private static int CountCharacters(IReadOnlyList<CommandOption>? options) =>
        options?.Sum(o => o.Name.Length + o.Description.Length
            + (o.Choices?.Sum(c => c.Name.Length + c.Value.ToString().Length) ?? 0)
            + CountCharacters(o.Options)) ?? 0;
}
