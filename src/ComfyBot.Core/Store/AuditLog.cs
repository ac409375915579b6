namespace ComfyBot.Core.Store;

/// <summary>The audit trail: every admin action (and prompt filter hit), newest first when read.</summary>
/// <param name="database">The store's file.</param>
public sealed class AuditLog(StoreDatabase database)
{
    /// <summary>Records an admin action; <paramref name="at"/> defaults to now.</summary>
    /// <exception cref="ArgumentException"><paramref name="action"/> is empty.</exception>
    public async Task<AuditRecord> AddAuditAsync(ulong actorId, string action, string? target, string? detail, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var when = at ?? database.Now;
        await using var writer = await database.OpenWriterAsync(cancellationToken);
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

    /// <summary>How many audit records there are.</summary>
    public async Task<int> CountAuditAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit;";
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Audit records newest first, skipping the newest <paramref name="skip"/>: one page of the trail.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAuditPageAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, actor_id, action, target, detail, at FROM audit ORDER BY id DESC LIMIT $take OFFSET $skip;";
        command.Parameters.AddWithValue("$take", take);
        command.Parameters.AddWithValue("$skip", skip);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AuditRecord(
                reader.GetInt64(0),
                unchecked((ulong)reader.GetInt64(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                JobRows.Time(reader.GetInt64(5))));
        }

        return records;
    }
}
