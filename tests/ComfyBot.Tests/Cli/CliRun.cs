using ComfyBot.Cli;

namespace ComfyBot.Tests.Cli;

/// <summary>Runs the CLI in-process and keeps what it printed.</summary>
internal sealed record CliRun(ExitCode Code, string Output, string Errors)
{
    public static async Task<CliRun> ExecuteAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var code = await new CliApp(output, errors, TimeProvider.System).RunAsync(args, timeout.Token);
        return new CliRun(code, output.ToString(), errors.ToString());
    }
}
