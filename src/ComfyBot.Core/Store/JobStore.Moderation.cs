using System.Globalization;
using ComfyBot.Core.Moderation;

namespace ComfyBot.Core.Store;

public sealed partial class JobStore
{
    /// <summary>Keeps a prompt filter rule an admin added; its id is <c>f</c> and the row id.</summary>
    public async Task<PromptFilterRule> AddPromptFilterAsync(PromptFilterKind kind, string text, ulong addedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var at = Now;
        await using var writer = await OpenWriterAsync(cancellationToken);
        await using var command = writer.Connection.CreateCommand();
        command.CommandText = "INSERT INTO prompt_filters (kind, text, added_by, added_at) VALUES ($kind, $text, $by, $at) RETURNING id;";
        command.Parameters.AddWithValue("$kind", (int)kind);
        command.Parameters.AddWithValue("$text", text);
        command.Parameters.AddWithValue("$by", unchecked((long)addedBy));
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new PromptFilterRule(FilterId(id), kind, text, addedBy, new DateTimeOffset(at.UtcTicks, TimeSpan.Zero));
    }

    /// <summary>Removes an added prompt filter rule by its row id; false when there was none.</summary>
    public async Task<bool> RemovePromptFilterAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var writer = await OpenWriterAsync(cancellationToken);
        await using var command = writer.Connection.CreateCommand();
        command.CommandText = "DELETE FROM prompt_filters WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Every prompt filter rule admins added, oldest first.</summary>
    public async Task<IReadOnlyList<PromptFilterRule>> ListPromptFiltersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, kind, text, added_by, added_at FROM prompt_filters ORDER BY id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rules = new List<PromptFilterRule>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rules.Add(new PromptFilterRule(
                FilterId(reader.GetInt64(0)),
                (PromptFilterKind)reader.GetInt32(1),
                reader.GetString(2),
                unchecked((ulong)reader.GetInt64(3)),
                JobRows.Time(reader.GetInt64(4))));
        }

        return rules;
    }

    /// <summary>How many audit records there are.</summary>
    public async Task<int> CountAuditAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit;";
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Audit records newest first, skipping the newest <paramref name="skip"/>: one page of the trail.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAuditPageAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        await using var connection = await OpenConnectionAsync(cancellationToken);
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

    private static string FilterId(long id) => string.Create(CultureInfo.InvariantCulture, $"f{id}");
}
