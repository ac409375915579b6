using ComfyBot.Cli;

namespace ComfyBot.Tests.Cli;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "generate" }, "needs a prompt")]
    [InlineData(new[] { "generate", "a", "cat" }, "quote it")]
    [InlineData(new[] { "generate", "a cat", "--sed", "1" }, "no option '--sed'")]
    [InlineData(new[] { "generate", "a cat", "--seed", "-1" }, "whole number")]
    [InlineData(new[] { "generate", "a cat", "--seed", "1", "--seed", "2" }, "given twice")]
    [InlineData(new[] { "generate", "a cat", "--param", "steps" }, "key=value")]
    [InlineData(new[] { "generate", "a cat", "--param", "colour=red" }, "colour")]
    [InlineData(new[] { "generate", "a cat", "--comfy", "localhost" }, "http://")]
    [InlineData(new[] { "generate", "a cat", "--workflow", "/nonexistent/wf.json" }, "does not exist")]
    [InlineData(new[] { "imagine" }, "Unknown command 'imagine'")]
    [InlineData(new[] { "check-workflow" }, "needs one workflow file")]
    public async Task BadCommandLines_ExitWithUsageAndSayWhatToFix(string[] args, string expected)
    {
        var run = await CliRun.ExecuteAsync(args);

        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains(expected, run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_PrintsUsage(string arg)
    {
        var run = await CliRun.ExecuteAsync(arg);

        Assert.Equal(ExitCode.Success, run.Code);
        Assert.Contains("comfybot generate", run.Output, StringComparison.Ordinal);
        Assert.Contains("comfybot check-config", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoArguments_RunsTheBot()
    {
        // No appsettings.json in the test's folder and no token in the environment: run's own validation answers.
        var run = await CliRun.ExecuteAsync();

        Assert.Equal(ExitCode.InvalidConfiguration, run.Code);
        Assert.Contains("ComfyBot:Backends is empty", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyOptions_RunTheBot()
    {
        var run = await CliRun.ExecuteAsync("--config", "/no/such/appsettings.json");

        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains("--config '/no/such/appsettings.json' does not exist", run.Errors, StringComparison.Ordinal);
    }
}
