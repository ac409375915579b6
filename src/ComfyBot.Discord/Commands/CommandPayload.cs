using System.Globalization;
using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Commands;

/// <summary>
/// The wire form of an application command: what the bulk PUT sends, and what GET returns (extra fields are
/// ignored when reading).
/// </summary>
internal sealed class CommandPayload
{
    [JsonPropertyName("id")]
    public Snowflake? Id { get; init; }

    [JsonPropertyName("version")]
    public Snowflake? Version { get; init; }

    [JsonPropertyName("type")]
    public int? Type { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("options")]
    public IReadOnlyList<CommandOptionPayload>? Options { get; init; }

    [JsonPropertyName("default_member_permissions")]
    public string? DefaultMemberPermissions { get; init; }

    [JsonPropertyName("dm_permission")]
    public bool? DmPermission { get; init; }

    [JsonPropertyName("contexts")]
    public IReadOnlyList<int>? Contexts { get; init; }

    [JsonPropertyName("integration_types")]
    public IReadOnlyList<int>? IntegrationTypes { get; init; }

    [JsonPropertyName("nsfw")]
    public bool? Nsfw { get; init; }

    public static CommandPayload From(CommandDefinition definition) => new()
    {
        Type = 1,
        Name = definition.Name,
        Description = definition.Description,
        Options = definition.Options.Count == 0 ? null : [.. definition.Options.Select(CommandOptionPayload.From)],
        DefaultMemberPermissions = definition.DefaultMemberPermissions?.ToString(CultureInfo.InvariantCulture),
        DmPermission = definition.DmPermission,
        Contexts = definition.Contexts?.Select(c => (int)c).ToList(),
        IntegrationTypes = definition.IntegrationTypes?.Select(c => (int)c).ToList(),
        Nsfw = definition.Nsfw ? true : null,
    };
}
