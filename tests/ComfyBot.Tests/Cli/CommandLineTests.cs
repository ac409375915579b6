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
    [InlineData(new[] { "generate", "a cat", "--seed", "1", "--seed", "2" }, "expects a single argument but 2 were provided")]
    [InlineData(new[] { "generate", "a cat", "--param", "steps" }, "key=value")]
    [InlineData(new[] { "generate", "a cat", "--param", "colour=red" }, "colour")]
    [InlineData(new[] { "generate", "a cat", "--comfy", "localhost" }, "http://")]
    [InlineData(new[] { "generate", "a cat", "--workflow", "/nonexistent/wf.json" }, "does not exist")]
    [InlineData(new[] { "imagine" }, "Unrecognized command or argument 'imagine'")]
    [InlineData(new[] { "run", "extra" }, "Unrecognized command or argument 'extra'")]
    [InlineData(new[] { "demo", "--out" }, "Required argument missing for option: '--out'")]
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
        Assert.Contains("Usage:\n  comfybot [command] [options]", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  generate <prompt>", run.Output, StringComparison.Ordinal);
        Assert.Contains("  check-config", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("generate", "--workflow <file>")]
    [InlineData("check-workflow", "--bind <param=node.inputs.name>")]
    [InlineData("register-commands", "--guild <id>")]
    [InlineData("health", "--url <URL>")]
    public async Task EachVerb_HasItsOwnHelp(string verb, string option)
    {
        var run = await CliRun.ExecuteAsync(verb, "--help");

        Assert.Equal(ExitCode.Success, run.Code);
        Assert.Contains($"comfybot {verb}", run.Output, StringComparison.Ordinal);
        Assert.Contains(option, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersionAndExitsZero()
    {
        var run = await CliRun.ExecuteAsync("--version");

        Assert.Equal(ExitCode.Success, run.Code);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Output.Trim());
    }

    [Fact]
    public async Task AMistypedOption_IsNotTakenForAPromptWord()
    {
        var run = await CliRun.ExecuteAsync("demo", "a cat", "--sed", "1");

        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains("'demo' has no option '--sed'. Its options: --seed, --out.", run.Errors, StringComparison.Ordinal);
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
