namespace ComfyBot.Core.Store;

/// <summary>The bans table: who may not use the bot, by whom, why and since when.</summary>
/// <param name="database">The store's file.</param>
public sealed class BanStore(StoreDatabase database)
{
    /// <summary>Bans <paramref name="memberId"/> (or updates the reason of an existing ban) and returns the ban.</summary>
    public async Task<MemberBan> BanAsync(ulong memberId, ulong bannedBy, string? reason, CancellationToken cancellationToken = default)
    {
        var ban = new MemberBan(memberId, bannedBy, reason, database.Now);
        await using var writer = await database.OpenWriterAsync(cancellationToken);
        var connection = writer.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO bans (member_id, banned_by, reason, banned_at) VALUES ($member, $by, $reason, $at) " +
            "ON CONFLICT (member_id) DO UPDATE SET banned_by = excluded.banned_by, reason = excluded.reason, banned_at = excluded.banned_at;";
        command.Parameters.AddWithValue("$member", unchecked((long)memberId));
        command.Parameters.AddWithValue("$by", unchecked((long)bannedBy));
        command.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", ban.BannedAt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ban;
    }

    /// <summary>Lifts a ban; false when the member was not banned.</summary>
    public async Task<bool> UnbanAsync(ulong memberId, CancellationToken cancellationToken = default)
    {
        await using var writer = await database.OpenWriterAsync(cancellationToken);
        var connection = writer.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM bans WHERE member_id = $member;";
        command.Parameters.AddWithValue("$member", unchecked((long)memberId));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Whether <paramref name="memberId"/> is banned.</summary>
    public async Task<bool> IsBannedAsync(ulong memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM bans WHERE member_id = $member);";
        command.Parameters.AddWithValue("$member", unchecked((long)memberId));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    /// <summary>Every ban, oldest first.</summary>
    public async Task<IReadOnlyList<MemberBan>> ListBansAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT member_id, banned_by, reason, banned_at FROM bans ORDER BY banned_at, member_id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var bans = new List<MemberBan>();
        while (await reader.ReadAsync(cancellationToken))
        {
            bans.Add(new MemberBan(
                unchecked((ulong)reader.GetInt64(0)),
                unchecked((ulong)reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                JobRows.Time(reader.GetInt64(3))));
        }

        return bans;
    }
}
