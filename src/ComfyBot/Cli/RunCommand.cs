using ComfyBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ComfyBot.Cli;

/// <summary><c>run</c>: the bot itself, composed by <see cref="BotHost"/>, until Ctrl+C or SIGTERM.</summary>
internal sealed class RunCommand(TextWriter output, TextWriter errors)
{
    public async Task<ExitCode> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        if (line.Positionals.Count > 0)
        {
            throw new UsageException($"run takes no arguments besides --config; got '{line.Positionals[0]}'.");
        }

        var file = line.Option("config");
        if (file is not null && !File.Exists(file))
        {
            throw new UsageException($"--config '{file}' does not exist; give the path of an appsettings.json.");
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.GetFullPath(file ?? "appsettings.json"), optional: file is null)
            .AddUserSecrets(typeof(RunCommand).Assembly, optional: true)
            .AddEnvironmentVariables()
            .Build();
        IHost host;
        try
        {
            host = BotHost.Build(configuration);
        }
        catch (BotConfigurationException e)
        {
            errors.WriteLine(e.Message);
            return ExitCode.InvalidConfiguration;
        }

        // The host owns async-disposable services (the job service, backends): dispose it asynchronously.
        await using ((IAsyncDisposable)host)
        {
            try
            {
                await host.StartAsync(cancellationToken);
            }
            catch (BotConfigurationException e)
            {
                errors.WriteLine(e.Message);
                return ExitCode.InvalidConfiguration;
            }

            output.WriteLine("ComfyBot is running; press Ctrl+C to stop.");
            try
            {
                await host.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: stop below.
            }

            await host.StopAsync(CancellationToken.None);
        }

        return ExitCode.Success;
    }
}
