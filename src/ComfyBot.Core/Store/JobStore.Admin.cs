namespace ComfyBot.Core.Store;

public sealed partial class JobStore
{
    /// <summary>Bans <paramref name="memberId"/> (or updates the reason of an existing ban) and returns the ban.</summary>
    public async Task<MemberBan> BanAsync(ulong memberId, ulong bannedBy, string? reason, CancellationToken cancellationToken = default)
    {
        var ban = new MemberBan(memberId, bannedBy, reason, Now);
        await using var writer = await OpenWriterAsync(cancellationToken);
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
        await using var writer = await OpenWriterAsync(cancellationToken);
        var connection = writer.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM bans WHERE member_id = $member;";
        command.Parameters.AddWithValue("$member", unchecked((long)memberId));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Whether <paramref name="memberId"/> is banned.</summary>
    public async Task<bool> IsBannedAsync(ulong memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM bans WHERE member_id = $member);";
        command.Parameters.AddWithValue("$member", unchecked((long)memberId));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    /// <summary>Every ban, oldest first.</summary>
    public async Task<IReadOnlyList<MemberBan>> ListBansAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
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

    /// <summary>Records an admin action; <paramref name="at"/> defaults to now.</summary>
    /// <exception cref="ArgumentException"><paramref name="action"/> is empty.</exception>
    public async Task<AuditRecord> AddAuditAsync(ulong actorId, string action, string? target, string? detail, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var when = at ?? Now;
        await using var writer = await OpenWriterAsync(cancellationToken);
        var connection = writer.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO audit (actor_id, action, target, detail, at) VALUES ($actor, $action, $target, $detail, $at) RETURNING id;";
        command.Parameters.AddWithValue("$actor", unchecked((long)actorId));
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$target", (object?)target ?? DBNull.Value);
        command.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", when.UtcTicks);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new AuditRecord(id, actorId, action, target, detail, new DateTimeOffset(when.UtcTicks, TimeSpan.Zero));
    }

    /// <summary>The newest <paramref name="limit"/> audit records, newest first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public Task<IReadOnlyList<AuditRecord>> ListAuditAsync(int limit = 50, CancellationToken cancellationToken = default) =>
        ListAuditPageAsync(0, limit, cancellationToken);
}
