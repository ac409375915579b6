using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Rest.RateLimits;

namespace ComfyBot.Discord.Rest;

/// <summary>Application commands: list and bulk overwrite, globally or per guild.</summary>
public sealed partial class DiscordRestClient
{
    private const string GlobalCommandsTemplate = "/applications/{application_id}/commands";
    private const string GuildCommandsTemplate = "/applications/{application_id}/guilds/{guild_id}/commands";

    /// <summary>GET the registered commands of the scope (global when <paramref name="guildId"/> is null).</summary>
    public async Task<IReadOnlyList<RegisteredCommand>> GetApplicationCommandsAsync(Snowflake applicationId, Snowflake? guildId, CancellationToken cancellationToken) =>
        [.. (await GetCommandPayloadsAsync(applicationId, guildId, cancellationToken)).Select(CommandRegistrar.ToRegistered)];

    /// <summary>
    /// PUT (bulk overwrite) the scope's commands, unconditionally; <see cref="CommandRegistrar"/> skips it when
    /// nothing changed. Commands not listed are deleted.
    /// </summary>
    /// <exception cref="DiscordValidationException">A definition breaks Discord's rules; nothing was sent.</exception>
    public async Task<IReadOnlyList<RegisteredCommand>> BulkOverwriteApplicationCommandsAsync(
        Snowflake applicationId, Snowflake? guildId, IReadOnlyList<CommandDefinition> commands, CancellationToken cancellationToken)
    {
        CommandValidator.Validate(commands);
        var registered = await PutCommandPayloadsAsync(applicationId, guildId, [.. commands.Select(CommandPayload.From)], cancellationToken);
        return [.. registered.Select(CommandRegistrar.ToRegistered)];
    }

    internal Task<IReadOnlyList<CommandPayload>> GetCommandPayloadsAsync(Snowflake applicationId, Snowflake? guildId, CancellationToken cancellationToken) =>
        SendAsync(CommandsRequest(HttpMethod.Get, applicationId, guildId, null), DiscordJsonContext.Default.IReadOnlyListCommandPayload, cancellationToken);

    internal Task<IReadOnlyList<CommandPayload>> PutCommandPayloadsAsync(
        Snowflake applicationId, Snowflake? guildId, IReadOnlyList<CommandPayload> commands, CancellationToken cancellationToken) =>
        SendAsync(
            CommandsRequest(HttpMethod.Put, applicationId, guildId, () => RequestContent.Json(commands, DiscordJsonContext.Default.IReadOnlyListCommandPayload)),
            DiscordJsonContext.Default.IReadOnlyListCommandPayload,
            cancellationToken);

    private static RestRequest CommandsRequest(HttpMethod method, Snowflake applicationId, Snowflake? guildId, Func<HttpContent>? content) =>
        guildId is { } guild
            ? new RestRequest(new Route(method, GuildCommandsTemplate, MajorParameter.Guild(guild)), $"applications/{applicationId}/guilds/{guild}/commands", content, UsesBotToken: true)
            : new RestRequest(new Route(method, GlobalCommandsTemplate, null), $"applications/{applicationId}/commands", content, UsesBotToken: true);
}
