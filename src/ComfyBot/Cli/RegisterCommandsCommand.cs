using System.Globalization;
using ComfyBot.Discord;
using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Rest;
using ComfyBot.Hosting;
using ComfyBot.SlashCommands;

namespace ComfyBot.Cli;

/// <summary>
/// <c>register-commands</c>: makes Discord's slash commands match <see cref="ComfyBotCommands.All"/> in each guild
/// (--guild, else ComfyBot:Discord:GuildIds) or globally, and prints what changed. Discord is written only when
/// something differs, so running it twice is harmless.
/// </summary>
internal sealed class RegisterCommandsCommand(TextWriter output, TextWriter errors, TimeProvider time)
{
    // The commands as the configuration shapes them (who sees /comfy-admin); read in RunAsync.
    private IReadOnlyList<CommandDefinition> _commands = ComfyBotCommands.All;

    public async Task<ExitCode> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var guilds = line.Options("guild").Select(ParseGuild).ToList();
        var configuration = BotSettingsFile.Load(line.Option("config"));
        var keys = SettingsKeyCheck.Find(configuration);
        var discord = keys.WrongValues.Count == 0 ? BotHost.ReadOptions(configuration).Discord : new DiscordSettings();
        IReadOnlyList<string> problems = keys.WrongValues.Count > 0 ? keys.All : [.. keys.Unknown, .. discord.Validate()];
        if (problems.Count > 0)
        {
            errors.WriteLine(new BotConfigurationException(problems).Message);
            return ExitCode.InvalidConfiguration;
        }

        _commands = ComfyBotCommands.Registered(discord);
        var fromConfiguration = guilds.Count == 0;
        if (fromConfiguration)
        {
            guilds = [.. discord.GuildIds];
        }

        using var logging = CliApp.CreateLogging();
        using var session = new DiscordSession(configuration, discord, logging, time);
        try
        {
            var application = discord.ApplicationId is { } id
                ? new Snowflake(id)
                : (await session.Rest.GetCurrentApplicationAsync(cancellationToken)).Id;
            if (guilds.Count == 0)
            {
                await SyncAsync(session, application, null, "globally (may take up to an hour to show)", cancellationToken);
            }

            foreach (var guild in guilds)
            {
                await SyncAsync(session, application, new Snowflake(guild), $"in guild {guild}", cancellationToken);
            }

            if (guilds.Count > 0)
            {
                await ReportStaleGlobalsAsync(session, application, removeThem: fromConfiguration, cancellationToken);
            }

            return ExitCode.Success;
        }
        catch (DiscordValidationException e)
        {
            errors.WriteLine($"error: the command definitions break Discord's rules, nothing was sent: {e.Message}");
            return ExitCode.InvalidConfiguration;
        }
        catch (DiscordRestException e)
        {
            errors.WriteLine($"error: {DiscordSession.Explain(e)}");
            return ExitCode.InvalidConfiguration;
        }
        catch (HttpRequestException e)
        {
            errors.WriteLine($"error: could not reach Discord ({e.Message}); check the network or ComfyBot:Discord:ApiBaseUrl.");
            return ExitCode.BackendUnreachable;
        }
    }

    private static ulong ParseGuild(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id != 0
            ? id
            : throw new UsageException($"--guild '{text}' is not a server id; right-click the server in Discord (developer mode on) and Copy Server ID.");

    private async Task SyncAsync(DiscordSession session, Snowflake application, Snowflake? guild, string scope, CancellationToken cancellationToken)
    {
        var result = await session.Registrar.SyncAsync(application, guild, _commands, cancellationToken);
        if (!result.Overwritten)
        {
            output.WriteLine($"Commands {scope}: already up to date ({result.Commands.Count} commands).");
            return;
        }

        output.WriteLine($"Commands {scope}: updated ({result.Commands.Count} commands now registered).");
        foreach (var difference in result.Differences)
        {
            output.WriteLine($"  {Describe(difference)}");
        }
    }

    /// <summary>
    /// Global copies of the bot's commands show beside the guild ones, so members see each twice. With the guilds from
    /// ComfyBot:Discord:GuildIds the bot is set up for guild registration and they are removed (run does the same);
    /// with --guild (a try-out, perhaps beside a global install) the operator is told how instead.
    /// </summary>
    private async Task ReportStaleGlobalsAsync(DiscordSession session, Snowflake application, bool removeThem, CancellationToken cancellationToken)
    {
        var names = ComfyBotCommands.Names;
        if (removeThem)
        {
            var removed = await session.Registrar.RemoveAsync(application, null, names, cancellationToken);
            if (removed.Count > 0)
            {
                output.WriteLine($"Commands globally: removed {Quoted(removed)}, left from a registration without guild ids (members saw every command twice).");
            }

            return;
        }

        var global = await session.Rest.GetApplicationCommandsAsync(application, null, cancellationToken);
        var twice = global.Where(c => names.Contains(c.Name, StringComparer.Ordinal)).Select(c => c.Name).ToList();
        if (twice.Count > 0)
        {
            output.WriteLine(
                $"Note: {Quoted(twice)} are also registered globally, so members of these guilds see them twice. To keep only guild commands, " +
                "set ComfyBot:Discord:GuildIds and run register-commands without --guild (it removes the global ones); to keep only global ones, run it without any guild.");
        }
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    // The comparer words changes for logs; operators read created / updated / deleted.
    private static string Describe(string difference) =>
        difference.EndsWith(" is new", StringComparison.Ordinal) ? "created " + difference[..^" is new".Length]
        : difference.EndsWith(" changed", StringComparison.Ordinal) ? "updated " + difference[..^" changed".Length]
        : difference.EndsWith(" is registered but no longer defined", StringComparison.Ordinal) ? "deleted " + difference[..^" is registered but no longer defined".Length]
        : difference;
}
