using ComfyBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Discord.Commands;

/// <summary>
/// Registers slash commands with one bulk overwrite, and only when they differ from what Discord has, so a restart
/// costs one GET instead of a PUT (new commands count towards 200 creates per day).
/// </summary>
public sealed partial class CommandRegistrar(DiscordRestClient client, ILogger<CommandRegistrar> logger)
{
    /// <summary>
    /// Validates <paramref name="commands"/>, compares them with the registered ones, and overwrites the scope
    /// (global when <paramref name="guildId"/> is null) only if something differs.
    /// </summary>
    /// <exception cref="DiscordValidationException">A definition breaks Discord's rules; nothing was sent.</exception>
    /// <exception cref="DiscordRestException">Discord refused the GET or the PUT.</exception>
    public async Task<CommandSyncResult> SyncAsync(
        Snowflake applicationId, Snowflake? guildId, IReadOnlyList<CommandDefinition> commands, CancellationToken cancellationToken)
    {
        CommandValidator.Validate(commands);
        var desired = commands.Select(CommandPayload.From).ToList();
        var current = await client.GetCommandPayloadsAsync(applicationId, guildId, cancellationToken);
        var differences = CommandComparer.Differences(desired, current);
        var scope = guildId is { } guild ? $"guild {guild}" : "global";
        if (differences.Count == 0)
        {
            LogUnchanged(logger, commands.Count, scope);
            return new CommandSyncResult(false, [], [.. current.Select(ToRegistered)]);
        }

        LogOverwriting(logger, commands.Count, scope, string.Join("; ", differences));
        var registered = await client.PutCommandPayloadsAsync(applicationId, guildId, desired, cancellationToken);
        return new CommandSyncResult(true, differences, [.. registered.Select(ToRegistered)]);
    }

    /// <summary>
    /// Removes the commands named in <paramref name="names"/> from a scope (global when <paramref name="guildId"/> is
    /// null), keeping every other command there; nothing is sent when none is registered. A bot that moves from global
    /// to guild registration uses this: Discord shows a guild member both copies, so every command would appear twice.
    /// </summary>
    /// <returns>The names removed; empty when there was nothing to remove.</returns>
    /// <exception cref="DiscordRestException">Discord refused the GET or the PUT.</exception>
    public async Task<IReadOnlyList<string>> RemoveAsync(
        Snowflake applicationId, Snowflake? guildId, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var current = await client.GetCommandPayloadsAsync(applicationId, guildId, cancellationToken);
        var removed = current.Where(c => names.Contains(c.Name, StringComparer.Ordinal)).Select(c => c.Name).ToList();
        if (removed.Count == 0)
        {
            return [];
        }

        var scope = guildId is { } guild ? $"guild {guild}" : "global";
        LogRemoving(logger, scope, string.Join(", ", removed));
        await client.PutCommandPayloadsAsync(applicationId, guildId, [.. current.Where(c => !removed.Contains(c.Name, StringComparer.Ordinal))], cancellationToken);
        return removed;
    }

    internal static RegisteredCommand ToRegistered(CommandPayload payload) =>
        new(payload.Id ?? default, payload.Name, payload.Version ?? default);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "The {Count} {Scope} commands are already registered as defined; no overwrite.")]
    private static partial void LogUnchanged(ILogger logger, int count, string scope);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Overwriting the {Count} {Scope} commands: {Differences}.")]
    private static partial void LogOverwriting(ILogger logger, int count, string scope, string differences);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Removing the {Scope} commands {Names}.")]
    private static partial void LogRemoving(ILogger logger, string scope, string names);
}
