using System.Globalization;
using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Commands;

/// <summary>The value of a choice: a string, an integer (53 bits) or a number, matching the option's type.</summary>
[JsonConverter(typeof(CommandChoiceValueJsonConverter))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Named after Discord's option types.")]
public readonly record struct CommandChoiceValue
{
    private CommandChoiceValue(ApplicationCommandOptionType kind, string? text, long integer, double number)
    {
        Kind = kind;
        Text = text;
        Integer = integer;
        Number = number;
    }

    /// <summary><see cref="ApplicationCommandOptionType.String"/>, <see cref="ApplicationCommandOptionType.Integer"/> or <see cref="ApplicationCommandOptionType.Number"/>.</summary>
    public ApplicationCommandOptionType Kind { get; }

    /// <summary>The string value, for <see cref="ApplicationCommandOptionType.String"/>.</summary>
    public string? Text { get; }

    /// <summary>The integer value, for <see cref="ApplicationCommandOptionType.Integer"/>.</summary>
    public long Integer { get; }

    /// <summary>The number value, for <see cref="ApplicationCommandOptionType.Number"/>.</summary>
    public double Number { get; }

    /// <summary>A string value.</summary>
    public static CommandChoiceValue FromString(string value) => new(ApplicationCommandOptionType.String, value, 0, 0);

    /// <summary>An integer value.</summary>
    public static CommandChoiceValue FromInteger(long value) => new(ApplicationCommandOptionType.Integer, null, value, 0);

    /// <summary>A number value.</summary>
    public static CommandChoiceValue FromNumber(double value) => new(ApplicationCommandOptionType.Number, null, 0, value);

    /// <summary>A string value.</summary>
    public static implicit operator CommandChoiceValue(string value) => FromString(value);

    /// <summary>An integer value.</summary>
    public static implicit operator CommandChoiceValue(long value) => FromInteger(value);

    /// <summary>A number value.</summary>
    public static implicit operator CommandChoiceValue(double value) => FromNumber(value);

    /// <summary>The value as JSON would spell it; numbers compare equal when they have the same value.</summary>
    public override string ToString() => Kind switch
    {
        ApplicationCommandOptionType.String => Text ?? "",
        ApplicationCommandOptionType.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        _ => Number.ToString("R", CultureInfo.InvariantCulture),
    };
}
