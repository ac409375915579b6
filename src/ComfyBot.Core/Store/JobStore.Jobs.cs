using ComfyBot.Core.Jobs;
using ComfyBot.Core.Usage;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Store;

public sealed partial class JobStore
{
    /// <summary>Adds a row; a job without a place in line goes to the back. Internal so a test can check its plan stays an index probe.</summary>
    internal const string InsertSql =
        $"INSERT INTO jobs ({JobRows.Columns}) VALUES (NULL, 1, $state, $owner_id, $owner_name, $guild_id, $channel_id, " +
        "$workflow, $parameters, $seed, $weight, $created_at, $submitted_at, $started_at, $finished_at, $backend, " +
        "$prompt_id, $client_id, $attempts, $detail, $outputs, $chat_target, 0, " +
        "CASE WHEN $queue_order = 0 THEN (SELECT COALESCE(MAX(queue_order), 0) + 1 FROM jobs) ELSE $queue_order END, " +
        "$attachment_limit) RETURNING id, queue_order;";

    /// <summary>A place in line ahead of every job (for a bump).</summary>
    internal const string FrontOfQueueSql = "SELECT COALESCE(MIN(queue_order), 0) - 1 FROM jobs;";

    /// <summary>
    /// Writes a new job and returns it with its <see cref="Job.Id"/>, <see cref="Job.Version"/> 1, a
    /// <see cref="Job.QueueOrder"/> behind every other (when it was 0) and <see cref="Job.CreatedAt"/> (now, when unset).
    /// Call this before telling the member the job is queued.
    /// </summary>
    /// <exception cref="ArgumentException">The job already has an id, is not Waiting, has a weight below 1, or lacks a workflow or owner name.</exception>
    public Task<Job> AddAsync(Job job, CancellationToken cancellationToken = default) => AddAsync(job, null, cancellationToken);

    /// <summary>
    /// Writes a new job as <see cref="AddAsync(Job, CancellationToken)"/> does, and its input image with it in the same
    /// transaction (read it back with <see cref="ImageStore.GetInputImageAsync"/>).
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="AddAsync(Job, CancellationToken)"/>, or the image has no name or no bytes.</exception>
    public async Task<Job> AddAsync(Job job, InputImage? input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Id != 0)
        {
            throw new ArgumentException($"Job #{job.Id} already has an id; AddAsync takes new jobs (Id 0). Use UpdateAsync to change a stored job.", nameof(job));
        }

        if (job.State != JobState.Waiting)
        {
            throw new ArgumentException($"A new job starts Waiting, but this one is {job.State}; add it Waiting and move it with TransitionAsync.", nameof(job));
        }

        if (job.Weight < 1)
        {
            throw new ArgumentException($"A job's weight must be at least 1, but this one has {job.Weight}: resolve the member's role weight (1 = normal) before adding it.", nameof(job));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(job.Workflow, "job.Workflow");
        ArgumentNullException.ThrowIfNull(job.Owner, "job.Owner");
        ArgumentNullException.ThrowIfNull(job.Owner.DisplayName, "job.Owner.DisplayName");

        if (input is not null && (string.IsNullOrWhiteSpace(input.FileName) || input.Content.IsEmpty))
        {
            throw new ArgumentException($"The input image '{input.FileName}' has {(input.Content.IsEmpty ? "no bytes" : "no file name")}; pass the attachment's name and content.", nameof(input));
        }

        var added = job with { CreatedAt = job.CreatedAt == default ? _database.Now : job.CreatedAt, Version = 1, FinalDelivered = false };
        if (input is null)
        {
            // One statement commits on its own; a transaction would only add a round of BEGIN/COMMIT.
            await using var writer = await _database.OpenWriterAsync(cancellationToken);
            return await InsertAsync(writer.Connection, null, added, cancellationToken);
        }

        return await _database.WriteAsync(
            async (connection, transaction) =>
            {
                var stored = await InsertAsync(connection, transaction, added, cancellationToken);
                await ImageStore.LinkImageAsync(connection, transaction, stored.Id, ImageStore.InputSlot, input, cancellationToken);
                return stored;
            },
            cancellationToken);
    }

    private static async Task<Job> InsertAsync(SqliteConnection connection, SqliteTransaction? transaction, Job added, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        JobRows.Bind(command, added);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return added with { Id = reader.GetInt64(0), QueueOrder = reader.GetInt64(1) };
    }

    /// <summary>
    /// Writes the whole row from <paramref name="job"/> when its <see cref="Job.Version"/> is the stored one, and returns
    /// it with the next version. A change of state must be one <see cref="JobTransitions.CanMove"/> allows. The delivered
    /// flag is not written here (only <see cref="MarkFinalDeliveredAsync"/> sets it), nor the chat target (only
    /// <see cref="ChatTargets"/> does): the returned job carries the stored ones.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No job has that id.</exception>
    /// <exception cref="JobConcurrencyException">The row changed since <paramref name="job"/> was read.</exception>
    /// <exception cref="JobTransitionException">The change of state is not allowed.</exception>
    public Task<Job> UpdateAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                var stored = await ReadJobAsync(connection, transaction, job.Id, cancellationToken) ?? throw NotFound(job.Id);
                if (stored.Version != job.Version)
                {
                    throw new JobConcurrencyException(job.Id, job.Version, stored.Version);
                }

                if (stored.State != job.State)
                {
                    JobTransitions.EnsureCanMove(job.Id, stored.State, job.State);
                }

                var next = job with { Version = stored.Version + 1, FinalDelivered = stored.FinalDelivered, ChatTarget = stored.ChatTarget };
                await WriteRowAsync(connection, transaction, next, stored.Version, cancellationToken);
                return next;
            },
            cancellationToken);
    }

    /// <summary>
    /// Moves a job to <paramref name="to"/> in one transaction and returns the stored result. The store stamps the times
    /// (Submitted: <see cref="Job.SubmittedAt"/> and one more <see cref="Job.Attempts"/>; Running: <see cref="Job.StartedAt"/>;
    /// final: <see cref="Job.FinishedAt"/>; back to Waiting: clears backend, prompt id and those times), then applies
    /// <paramref name="change"/> for the other fields (backend, prompt id, detail, outputs ...). Keep it quick and pure:
    /// it runs while the store holds its write lock. It cannot change the id, state, version, delivered flag or chat target.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No job has that id.</exception>
    /// <exception cref="JobTransitionException">The move is not allowed, e.g. the job is already final.</exception>
    public async Task<Job> TransitionAsync(long id, JobState to, Func<Job, Job>? change = null, CancellationToken cancellationToken = default) =>
        await MoveAsync(id, to, change, refuseQuietly: false, cancellationToken) ?? throw NotFound(id);

    /// <summary>
    /// Like <see cref="TransitionAsync"/>, but returns null instead of throwing when the move is not allowed (e.g. a
    /// cancel that lost the race against the job finishing) or the job does not exist.
    /// </summary>
    public Task<Job?> TryTransitionAsync(long id, JobState to, Func<Job, Job>? change = null, CancellationToken cancellationToken = default) =>
        MoveAsync(id, to, change, refuseQuietly: true, cancellationToken);

    /// <summary>
    /// Records that the final message of job <paramref name="id"/> is settled: on the message, or given up after every
    /// retry. Until then the job stays in <see cref="ListActiveAsync"/>, so a restart delivers it. Returns true for
    /// exactly one caller, ever; false when it was already marked (by another caller, or before a restart).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No job has that id.</exception>
    /// <exception cref="InvalidOperationException">The job is not final yet.</exception>
    public async Task<bool> MarkFinalDeliveredAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var writer = await _database.OpenWriterAsync(cancellationToken);
        var connection = writer.Connection;
        await using (var mark = connection.CreateCommand())
        {
            // One statement: SQLite runs it atomically, so two racing callers cannot both see final_delivered = 0.
            mark.CommandText = "UPDATE jobs SET final_delivered = 1, version = version + 1 WHERE id = $id AND state >= 3 AND final_delivered = 0;";
            mark.Parameters.AddWithValue("$id", id);
            if (await mark.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return true;
            }
        }

        var job = await ReadJobAsync(connection, null, id, cancellationToken) ?? throw NotFound(id);
        return job.IsFinal
            ? false
            : throw new InvalidOperationException($"Job #{id} is {job.State}; only a final job's message can be marked delivered.");
    }

    /// <summary>Moves a job that is not final to the front of the queue: its <see cref="Job.QueueOrder"/> goes below every other.</summary>
    /// <exception cref="KeyNotFoundException">No job has that id.</exception>
    /// <exception cref="InvalidOperationException">The job is final.</exception>
    public Task<Job> BumpAsync(long id, CancellationToken cancellationToken = default) => _database.WriteAsync(
        async (connection, transaction) =>
        {
            var job = await ReadJobAsync(connection, transaction, id, cancellationToken) ?? throw NotFound(id);
            if (job.IsFinal)
            {
                throw new InvalidOperationException($"Job #{id} is already {job.State}; only a job that has not finished can be bumped.");
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = FrontOfQueueSql;
            var order = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            var next = job with { QueueOrder = order, Version = job.Version + 1 };
            await WriteRowAsync(connection, transaction, next, job.Version, cancellationToken);
            return next;
        },
        cancellationToken);

    private Task<Job?> MoveAsync(long id, JobState to, Func<Job, Job>? change, bool refuseQuietly, CancellationToken cancellationToken, GpuRun? run = null) => _database.WriteAsync<Job?>(
        async (connection, transaction) =>
        {
            var current = await ReadJobAsync(connection, transaction, id, cancellationToken);
            if (current is null)
            {
                return refuseQuietly ? null : throw NotFound(id);
            }

            if (!JobTransitions.CanMove(current.State, to))
            {
                return refuseQuietly ? null : throw new JobTransitionException(id, current.State, to);
            }

            var staged = Stamp(current, to, _database.Now);
            var next = (change?.Invoke(staged) ?? staged) with
            {
                Id = current.Id,
                State = to,
                Version = current.Version + 1,
                FinalDelivered = current.FinalDelivered,
                ChatTarget = current.ChatTarget,
            };
            await WriteRowAsync(connection, transaction, next, current.Version, cancellationToken);

            // Under the attempt that ends here: the stored one, not the caller's copy.
            if (run is not null && current.State is JobState.Submitted or JobState.Running)
            {
                await UsageStore.InsertGpuRunAsync(connection, transaction, current, run, cancellationToken);
            }

            return next;
        },
        cancellationToken);

    private static Job Stamp(Job job, JobState to, DateTimeOffset now) => to switch
    {
        JobState.Waiting => job with { Backend = null, PromptId = null, SubmittedAt = null, StartedAt = null },
        JobState.Submitted => job with { SubmittedAt = now, Attempts = job.Attempts + 1 },
        // Straight from Waiting when the backend started it before its submission was recorded: still one attempt.
        JobState.Running when job.State == JobState.Waiting => job with { StartedAt = now, SubmittedAt = now, Attempts = job.Attempts + 1 },
        JobState.Running => job with { StartedAt = now },
        _ => job with { FinishedAt = now },
    };

    private static async Task WriteRowAsync(SqliteConnection connection, SqliteTransaction transaction, Job job, long expectedVersion, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"UPDATE jobs SET {JobRows.Assignments}, version = version + 1 WHERE id = $id AND version = $version;";
        JobRows.Bind(command, job);
        command.Parameters.AddWithValue("$id", job.Id);
        command.Parameters.AddWithValue("$version", expectedVersion);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            // Unreachable while we hold the write lock; kept so a future caller without one cannot lose an update silently.
            throw new JobConcurrencyException(job.Id, expectedVersion, -1);
        }
    }

    private static KeyNotFoundException NotFound(long id) => new($"Job #{id} is not in the job store.");
}
