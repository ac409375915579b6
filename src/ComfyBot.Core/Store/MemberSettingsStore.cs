namespace ComfyBot.Core.Store;

/// <summary>The member_settings table: each member's /settings defaults.</summary>
/// <param name="database">The store's file.</param>
public sealed class MemberSettingsStore(StoreDatabase database)
{
    /// <summary>The member's /settings defaults; <see cref="MemberSettings.None"/> when they set none.</summary>
    public async Task<MemberSettings> GetSettingsAsync(ulong memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT workflow, negative, ar, steps, private, grid FROM member_settings WHERE member_id = $member;";
        command.Parameters.AddWithValue("$member", unchecked((long)memberId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return MemberSettings.None;
        }

        return new MemberSettings
        {
            Workflow = reader.IsDBNull(0) ? null : reader.GetString(0),
            Negative = reader.IsDBNull(1) ? null : reader.GetString(1),
            AspectRatio = reader.IsDBNull(2) ? null : reader.GetString(2),
            Steps = reader.IsDBNull(3) ? null : (int)reader.GetInt64(3),
            Private = reader.IsDBNull(4) ? null : reader.GetInt64(4) != 0,
            Grid = Enum.IsDefined((GridLayout)reader.GetInt64(5)) ? (GridLayout)reader.GetInt64(5) : GridLayout.Unset,
        };
    }

    /// <summary>Replaces the member's defaults with <paramref name="settings"/>; empty settings remove the row.</summary>
    public async Task SaveSettingsAsync(ulong memberId, MemberSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var writer = await database.OpenWriterAsync(cancellationToken);
        await using var command = writer.Connection.CreateCommand();
        command.Parameters.AddWithValue("$member", unchecked((long)memberId));
        if (settings.IsEmpty)
        {
            command.CommandText = "DELETE FROM member_settings WHERE member_id = $member;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        command.CommandText =
            "INSERT INTO member_settings (member_id, workflow, negative, ar, steps, private, grid, updated_at) " +
            "VALUES ($member, $workflow, $negative, $ar, $steps, $private, $grid, $at) " +
            "ON CONFLICT (member_id) DO UPDATE SET workflow = excluded.workflow, negative = excluded.negative, ar = excluded.ar, " +
            "steps = excluded.steps, private = excluded.private, grid = excluded.grid, updated_at = excluded.updated_at;";
        command.Parameters.AddWithValue("$workflow", (object?)settings.Workflow ?? DBNull.Value);
        command.Parameters.AddWithValue("$negative", (object?)settings.Negative ?? DBNull.Value);
        command.Parameters.AddWithValue("$ar", (object?)settings.AspectRatio ?? DBNull.Value);
        command.Parameters.AddWithValue("$steps", settings.Steps is { } steps ? steps : DBNull.Value);
        command.Parameters.AddWithValue("$private", settings.Private is { } isPrivate ? (isPrivate ? 1 : 0) : DBNull.Value);
        command.Parameters.AddWithValue("$grid", (int)settings.Grid);
        command.Parameters.AddWithValue("$at", database.Now.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
