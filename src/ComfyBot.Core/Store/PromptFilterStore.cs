using System.Globalization;
using ComfyBot.Core.Moderation;

namespace ComfyBot.Core.Store;

/// <summary>The prompt filter rules admins added (the configured ones live in the options, not here).</summary>
/// <param name="database">The store's file.</param>
public sealed class PromptFilterStore(StoreDatabase database)
{
    /// <summary>Keeps a prompt filter rule an admin added; its id is <c>f</c> and the row id.</summary>
    public async Task<PromptFilterRule> AddPromptFilterAsync(PromptFilterKind kind, string text, ulong addedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var at = database.Now;
        await using var writer = await database.OpenWriterAsync(cancellationToken);
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
        await using var writer = await database.OpenWriterAsync(cancellationToken);
        await using var command = writer.Connection.CreateCommand();
        command.CommandText = "DELETE FROM prompt_filters WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Every prompt filter rule admins added, oldest first.</summary>
    public async Task<IReadOnlyList<PromptFilterRule>> ListPromptFiltersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
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

    private static string FilterId(long id) => string.Create(CultureInfo.InvariantCulture, $"f{id}");
}
