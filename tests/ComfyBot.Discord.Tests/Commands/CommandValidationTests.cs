using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Rest;

namespace ComfyBot.Discord.Tests.Commands;

public sealed class CommandValidationTests
{
    private static string Refused(params CommandDefinition[] commands) =>
        Assert.Throws<DiscordValidationException>(() => CommandValidator.Validate(commands)).Message;

    private static CommandOption Text(string name, bool required = false) => new(ApplicationCommandOptionType.String, name, "A text") { Required = required };

    [Fact]
    public void TheSampleCommands_AreValid() => CommandValidator.Validate([SampleCommands.Imagine(), SampleCommands.Admin()]);

    [Fact]
    public void UppercaseName_IsRefused_WithTheLowercaseForm()
    {
        Assert.Contains("'Imagine' must be lowercase; use 'imagine'", Refused(new CommandDefinition("Imagine", "Draw")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("thirty-three-characters-long-name")]
    [InlineData("emoji🙂")]
    public void BadNames_AreRefused(string name)
    {
        Assert.Contains("must be 1-32 letters, digits, '-' or '_'", Refused(new CommandDefinition(name, "Draw")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zeichne")]
    [InlineData("нарисуй")]
    [InlineData("img_2-x")]
    public void UnicodeLowercaseNames_AreAccepted(string name) => CommandValidator.Validate([new CommandDefinition(name, "Draw")]);

    [Fact]
    public void DescriptionOver100_IsRefused()
    {
        Assert.Contains("commands[0] ('imagine').description: 101 characters, 1 to 100 allowed",
            Refused(new CommandDefinition("imagine", new string('d', 101))), StringComparison.Ordinal);
    }

    [Fact]
    public void TwentySixOptions_AreRefused()
    {
        var command = new CommandDefinition("imagine", "Draw") { Options = [.. Enumerable.Range(0, 26).Select(i => Text($"o{i}"))] };

        Assert.Contains("options: 26 options, at most 25 allowed", Refused(command), StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredAfterOptional_IsRefused_NamingTheOption()
    {
        var command = new CommandDefinition("imagine", "Draw") { Options = [Text("style"), Text("prompt", required: true)] };

        Assert.Contains("options[1] ('prompt').required: a required option comes after an optional one", Refused(command), StringComparison.Ordinal);
    }

    [Fact]
    public void TwentySixChoices_AreRefused()
    {
        var option = Text("size") with { Choices = [.. Enumerable.Range(0, 26).Select(i => new CommandChoice($"c{i}", $"{i}"))] };

        Assert.Contains("choices: 26 choices, at most 25 allowed", Refused(new CommandDefinition("imagine", "Draw") { Options = [option] }), StringComparison.Ordinal);
    }

    [Fact]
    public void ChoicesWithAutocomplete_AndWrongValueKinds_AreRefused()
    {
        var option = new CommandOption(ApplicationCommandOptionType.Integer, "steps", "Steps") { Autocomplete = true, Choices = [new CommandChoice("ten", "10")] };

        var message = Refused(new CommandDefinition("imagine", "Draw") { Options = [option] });

        Assert.Contains("autocomplete and choices exclude each other", message, StringComparison.Ordinal);
        Assert.Contains("a String value in a Integer option", message, StringComparison.Ordinal);
    }

    [Fact]
    public void MinAboveMax_AndFractionalIntegerBounds_AreRefused()
    {
        var steps = new CommandOption(ApplicationCommandOptionType.Integer, "steps", "Steps") { MinValue = 10.5, MaxValue = 5 };

        var message = Refused(new CommandDefinition("imagine", "Draw") { Options = [steps] });

        Assert.Contains("min_value 10.5 is greater than max_value 5", message, StringComparison.Ordinal);
        Assert.Contains("must be whole numbers", message, StringComparison.Ordinal);
    }

    [Fact]
    public void LengthLimitsOnANumber_AreRefused()
    {
        var cfg = new CommandOption(ApplicationCommandOptionType.Number, "cfg", "CFG") { MaxLength = 3 };

        Assert.Contains("min_length/max_length apply to string options only", Refused(new CommandDefinition("imagine", "Draw") { Options = [cfg] }), StringComparison.Ordinal);
    }

    [Fact]
    public void MixingSubcommandsAndParameters_IsRefused()
    {
        var command = new CommandDefinition("comfy", "Admin") { Options = [new CommandOption(ApplicationCommandOptionType.SubCommand, "clear", "Clear"), Text("why")] };

        Assert.Contains("mixes subcommands or groups with plain options", Refused(command), StringComparison.Ordinal);
    }

    [Fact]
    public void GroupInsideASubcommand_IsRefused()
    {
        var inner = new CommandOption(ApplicationCommandOptionType.SubCommandGroup, "inner", "Inner") { Options = [new CommandOption(ApplicationCommandOptionType.SubCommand, "x", "X")] };
        var command = new CommandDefinition("comfy", "Admin") { Options = [new CommandOption(ApplicationCommandOptionType.SubCommand, "outer", "Outer") { Options = [inner] }] };

        Assert.Contains("a subcommand cannot contain subcommands or groups", Refused(command), StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateCommandNames_AreRefused()
    {
        Assert.Contains("'imagine' is defined twice", Refused(new CommandDefinition("imagine", "A"), new CommandDefinition("imagine", "B")), StringComparison.Ordinal);
    }
}
