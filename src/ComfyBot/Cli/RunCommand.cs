using ComfyBot.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ComfyBot.Cli;

/// <summary><c>run</c>: the bot itself, composed by <see cref="BotHost"/>, until Ctrl+C or SIGTERM.</summary>
internal sealed class RunCommand(TextWriter output, TextWriter errors)
{
    public async Task<ExitCode> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var configuration = BotSettingsFile.Load(line.Option("config"));
        IHost host;
        try
        {
            host = BotHost.Build(configuration);
        }
        catch (BotConfigurationException e)
        {
            if (BotSettingsFile.MissingDefault(line.Option("config")) is { } missing)
            {
                errors.WriteLine(missing);
            }

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
            catch (OptionsValidationException e)
            {
                // The options' own validators at start (ValidateOnStart); Build's check lists the same problems first.
                errors.WriteLine(new BotConfigurationException([.. e.Failures]).Message);
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
