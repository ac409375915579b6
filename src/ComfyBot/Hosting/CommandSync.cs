using ComfyBot.Discord;
using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Rest;
using ComfyBot.SlashCommands;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Hosting;

/// <summary>
/// Registers <see cref="ComfyBotCommands.All"/> at start, in each configured guild or globally; Discord is
/// written to only when the registered commands differ. Skipped when <c>ComfyBot:Discord:RegisterCommands</c> is false.
/// It runs beside the gateway's start, not before it: the commands registered last time work meanwhile, and a slow
/// or rate-limited registration used to hold READY (and every interaction) back for as long as it took.
/// </summary>
internal sealed partial class CommandSync(BotOptions options, DiscordRestClient rest, CommandRegistrar registrar, ILogger<CommandSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SyncAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped first: the next start registers them.
        }
        catch (Exception e)
        {
            LogSyncFailed(logger, e);
        }
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var discord = options.Discord;
        if (!discord.RegisterCommands)
        {
            return;
        }

        var application = discord.ApplicationId is { } id
            ? new Snowflake(id)
            : (await rest.GetCurrentApplicationAsync(cancellationToken)).Id;
        if (discord.GuildIds.Count == 0)
        {
            var result = await registrar.SyncAsync(application, null, ComfyBotCommands.Registered(discord), cancellationToken);
            LogSynced(logger, "global", result.Overwritten);
            return;
        }

        foreach (var guild in discord.GuildIds)
        {
            var result = await registrar.SyncAsync(application, new Snowflake(guild), ComfyBotCommands.Registered(discord), cancellationToken);
            LogSynced(logger, $"guild {guild}", result.Overwritten);
        }

        // Registered globally before guild ids were set, the same commands would show twice in those guilds.
        var stale = await registrar.RemoveAsync(application, null, ComfyBotCommands.Names, cancellationToken);
        if (stale.Count > 0)
        {
            LogStaleRemoved(logger, string.Join(", ", stale));
        }
    }

    [LoggerMessage(EventId = 3012, Level = LogLevel.Error, Message = "The slash commands could not be registered, so members see the ones registered before (or none). Fix the cause and run 'comfybot register-commands' (or restart the bot).")]
    private static partial void LogSyncFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Slash commands ({Scope}) are registered; overwritten: {Changed}.")]
    private static partial void LogSynced(ILogger logger, string scope, bool changed);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Removed the global commands {Names}, left from a registration without guild ids: with both, every command showed twice in those guilds.")]
    private static partial void LogStaleRemoved(ILogger logger, string names);
}
