namespace ComfyBot.Simulator.Tests.Faults;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_ReadsEveryOption()
    {
        var options = SimulatorCommandLine.Parse(["--port", "9000", "--steps-per-second", "2.5", "--fail-node", "KSampler", "--history-delay-ms", "150", "--no-previews", "--quiet"]);
        Assert.Equal(9000, options.Port);
        Assert.Equal(2.5, options.StepsPerSecond);
        Assert.Equal("KSampler", options.FailNode);
        Assert.Equal(TimeSpan.FromMilliseconds(150), options.HistoryWriteDelay);
        Assert.False(options.Previews);
        Assert.False(options.ConsoleLogging);
    }

    [Theory]
    [InlineData(new[] { "--port" }, "needs a value")]
    [InlineData(new[] { "--port", "x" }, "whole number")]
    [InlineData(new[] { "--speed", "1" }, "Unknown option '--speed'")]
    [InlineData(new[] { "--steps-per-second", "-1" }, "StepsPerSecond")]
    public void Parse_BadInput_SaysWhatAndHow(string[] args, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => SimulatorCommandLine.Parse(args));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
