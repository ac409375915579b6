using System.Globalization;
using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Commands;

/// <summary>The value of a choice: a string, an integer (53 bits) or a number, matching the option's type.</summary>
[JsonConverter(typeof(CommandChoiceValueJsonConverter))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Named after Discord's option types.")]
public readonly record struct CommandChoiceValue
{
    private CommandChoiceValue(CommandOptionType kind, string? text, long integer, double number)
    {
        Kind = kind;
        Text = text;
        Integer = integer;
        Number = number;
    }

    /// <summary><see cref="CommandOptionType.String"/>, <see cref="CommandOptionType.Integer"/> or <see cref="CommandOptionType.Number"/>.</summary>
    public CommandOptionType Kind { get; }

    /// <summary>The string value, for <see cref="CommandOptionType.String"/>.</summary>
    public string? Text { get; }

    /// <summary>The integer value, for <see cref="CommandOptionType.Integer"/>.</summary>
    public long Integer { get; }

    /// <summary>The number value, for <see cref="CommandOptionType.Number"/>.</summary>
    public double Number { get; }

    /// <summary>A string value.</summary>
    public static CommandChoiceValue FromString(string value) => new(CommandOptionType.String, value, 0, 0);

    /// <summary>An integer value.</summary>
    public static CommandChoiceValue FromInteger(long value) => new(CommandOptionType.Integer, null, value, 0);

    /// <summary>A number value.</summary>
    public static CommandChoiceValue FromNumber(double value) => new(CommandOptionType.Number, null, 0, value);

    /// <summary>A string value.</summary>
    public static implicit operator CommandChoiceValue(string value) => FromString(value);

    /// <summary>An integer value.</summary>
    public static implicit operator CommandChoiceValue(long value) => FromInteger(value);

    /// <summary>A number value.</summary>
    public static implicit operator CommandChoiceValue(double value) => FromNumber(value);

    /// <summary>The value as JSON would spell it; numbers compare equal when they have the same value.</summary>
    public override string ToString() => Kind switch
    {
        CommandOptionType.String => Text ?? "",
        CommandOptionType.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        _ => Number.ToString("R", CultureInfo.InvariantCulture),
    };
}
