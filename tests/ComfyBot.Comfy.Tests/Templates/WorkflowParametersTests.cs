using ComfyBot.Comfy.Templates;

namespace ComfyBot.Comfy.Tests.Templates;

public sealed class WorkflowParametersTests
{
    [Fact]
    public void Parse_KnownNames_ReadsTypedValuesInvariantly()
    {
        var parameters = WorkflowParameters.Parse(new Dictionary<string, string>
        {
            ["prompt"] = "a cat", ["seed"] = "18446744073709551615", ["steps"] = "30", ["cfg"] = "7.5", ["denoise"] = "0.6", ["width"] = "768",
        });

        Assert.Equal("a cat", parameters.Prompt);
        Assert.Equal(ulong.MaxValue, parameters.Seed);
        Assert.Equal(30, parameters.Steps);
        Assert.Equal(7.5, parameters.Cfg);
        Assert.Equal(0.6, parameters.Denoise);
        Assert.Equal(768, parameters.Width);
        Assert.True(parameters.IsSet(WorkflowParameter.Cfg));
        Assert.False(parameters.IsSet(WorkflowParameter.Image));
    }

    [Fact]
    public void Parse_UnknownName_ListsTheKnownNames()
    {
        var error = Assert.Throws<ArgumentException>(() => WorkflowParameters.Parse([new("stepz", "30")]));

        Assert.Contains("Unknown parameter 'stepz'", error.Message, StringComparison.Ordinal);
        Assert.Contains("steps", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed", "-1", "from 0 to 18446744073709551615")]
    [InlineData("seed", "18446744073709551616", "from 0 to 18446744073709551615")]
    [InlineData("steps", "twenty", "'steps' must be a whole number; got 'twenty'")]
    [InlineData("cfg", "7,5", "'cfg' must be a number such as 7.5")]
    [InlineData("cfg", "NaN", "'cfg' must be a number such as 7.5")]
    public void Parse_BadValue_SaysWhatIsExpected(string name, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => WorkflowParameters.Parse([new(name, value)]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_RoundTripEveryParameter()
    {
        foreach (var parameter in Enum.GetValues<WorkflowParameter>())
        {
            Assert.Equal(parameter, WorkflowParameterNames.Parse(WorkflowParameterNames.Of(parameter)));
        }

        Assert.Equal(Enum.GetValues<WorkflowParameter>().Length, WorkflowParameterNames.All.Count);
    }
}
