using System.Text.Json;
using ComfyBot.Comfy;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Store;

/// <summary>Maps a <see cref="Job"/> to the columns of the jobs table and back.</summary>
internal static class JobRows
{
    /// <summary>The columns in the order <see cref="Read"/> expects them.</summary>
    public const string Columns =
        "id, version, state, owner_id, owner_name, guild_id, channel_id, workflow, parameters, seed, weight, created_at, " +
        "submitted_at, started_at, finished_at, backend, prompt_id, client_id, attempts, detail, outputs, chat_target, " +
        "final_delivered, queue_order, attachment_limit";

    /// <summary>
    /// The assignments for an UPDATE of every column but id, version, final_delivered and chat_target: the view writes the
    /// chat target alone (<see cref="ChatTargets"/>), so no other write may put back a stale copy.
    /// </summary>
    public const string Assignments =
        "state = $state, owner_id = $owner_id, owner_name = $owner_name, guild_id = $guild_id, channel_id = $channel_id, " +
        "workflow = $workflow, parameters = $parameters, seed = $seed, weight = $weight, created_at = $created_at, " +
        "submitted_at = $submitted_at, started_at = $started_at, finished_at = $finished_at, backend = $backend, " +
        "prompt_id = $prompt_id, client_id = $client_id, attempts = $attempts, detail = $detail, outputs = $outputs, " +
        "queue_order = $queue_order, attachment_limit = $attachment_limit";

    public static Job Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Version = reader.GetInt64(1),
        State = (JobState)reader.GetInt32(2),
        Owner = new JobOwner(unchecked((ulong)reader.GetInt64(3)), reader.GetString(4)),
        GuildId = reader.IsDBNull(5) ? null : unchecked((ulong)reader.GetInt64(5)),
        ChannelId = unchecked((ulong)reader.GetInt64(6)),
        Workflow = reader.GetString(7),
        Parameters = JsonSerializer.Deserialize(reader.GetString(8), JobStoreJsonContext.Default.WorkflowParameters)
            ?? WorkflowParameters.None,
        Seed = reader.IsDBNull(9) ? null : unchecked((ulong)reader.GetInt64(9)),
        Weight = reader.GetInt32(10),
        CreatedAt = Time(reader.GetInt64(11)),
        SubmittedAt = OptionalTime(reader, 12),
        StartedAt = OptionalTime(reader, 13),
        FinishedAt = OptionalTime(reader, 14),
        Backend = OptionalText(reader, 15),
        PromptId = OptionalText(reader, 16),
        ClientId = OptionalText(reader, 17),
        Attempts = reader.GetInt32(18),
        Detail = OptionalText(reader, 19),
        Outputs = JsonSerializer.Deserialize(reader.GetString(20), JobStoreJsonContext.Default.OutputFileArray) ?? [],
        ChatTarget = OptionalText(reader, 21),
        FinalDelivered = reader.GetInt64(22) != 0,
        QueueOrder = reader.GetInt64(23),
        AttachmentByteLimit = reader.IsDBNull(24) ? null : reader.GetInt64(24),
    };

    /// <summary>Binds every column of <paramref name="job"/> but id, version and final_delivered (chat_target only an INSERT uses).</summary>
    public static void Bind(SqliteCommand command, Job job)
    {
        var p = command.Parameters;
        p.AddWithValue("$state", (int)job.State);
        p.AddWithValue("$owner_id", unchecked((long)job.Owner.MemberId));
        p.AddWithValue("$owner_name", job.Owner.DisplayName);
        p.AddWithValue("$guild_id", job.GuildId is { } guild ? unchecked((long)guild) : DBNull.Value);
        p.AddWithValue("$channel_id", unchecked((long)job.ChannelId));
        p.AddWithValue("$workflow", job.Workflow);
        p.AddWithValue("$parameters", JsonSerializer.Serialize(job.Parameters, JobStoreJsonContext.Default.WorkflowParameters));
        p.AddWithValue("$seed", job.Seed is { } seed ? unchecked((long)seed) : DBNull.Value);
        p.AddWithValue("$weight", job.Weight);
        p.AddWithValue("$created_at", job.CreatedAt.UtcTicks);
        p.AddWithValue("$submitted_at", Ticks(job.SubmittedAt));
        p.AddWithValue("$started_at", Ticks(job.StartedAt));
        p.AddWithValue("$finished_at", Ticks(job.FinishedAt));
        p.AddWithValue("$backend", (object?)job.Backend ?? DBNull.Value);
        p.AddWithValue("$prompt_id", (object?)job.PromptId ?? DBNull.Value);
        p.AddWithValue("$client_id", (object?)job.ClientId ?? DBNull.Value);
        p.AddWithValue("$attempts", job.Attempts);
        p.AddWithValue("$detail", (object?)job.Detail ?? DBNull.Value);
        p.AddWithValue("$outputs", JsonSerializer.Serialize(ToArray(job.Outputs), JobStoreJsonContext.Default.OutputFileArray));
        p.AddWithValue("$chat_target", (object?)job.ChatTarget ?? DBNull.Value);
        p.AddWithValue("$queue_order", job.QueueOrder);
        p.AddWithValue("$attachment_limit", job.AttachmentByteLimit is { } limit ? limit : DBNull.Value);
    }

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public static object Ticks(DateTimeOffset? time) => time is { } t ? t.UtcTicks : DBNull.Value;

    private static DateTimeOffset? OptionalTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Time(reader.GetInt64(ordinal));

    private static string? OptionalText(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static OutputFile[] ToArray(IReadOnlyList<OutputFile> outputs) => outputs as OutputFile[] ?? [.. outputs];
}
