namespace ComfyBot.Core.Store;

/// <summary>
/// The schema, as numbered steps. A step once shipped never changes: add a new one. Times are UTC ticks; member ids and
/// seeds are ulongs stored bit for bit in SQLite's signed 64-bit integers; JSON columns use <see cref="JobStoreJsonContext"/>.
/// </summary>
internal static class JobStoreMigrations
{
    public static IReadOnlyList<string> Steps { get; } =
    [
        // 1: jobs, bans, audit.
        """
        CREATE TABLE jobs (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            version         INTEGER NOT NULL,
            state           INTEGER NOT NULL,
            owner_id        INTEGER NOT NULL,
            owner_name      TEXT    NOT NULL,
            guild_id        INTEGER,
            channel_id      INTEGER NOT NULL,
            workflow        TEXT    NOT NULL,
            parameters      TEXT    NOT NULL,
            seed            INTEGER,
            weight          INTEGER NOT NULL,
            created_at      INTEGER NOT NULL,
            submitted_at    INTEGER,
            started_at      INTEGER,
            finished_at     INTEGER,
            backend         TEXT,
            prompt_id       TEXT,
            client_id       TEXT,
            attempts        INTEGER NOT NULL,
            detail          TEXT,
            outputs         TEXT    NOT NULL,
            chat_target     TEXT,
            final_delivered INTEGER NOT NULL,
            queue_order     INTEGER NOT NULL
        );
        CREATE INDEX ix_jobs_active ON jobs (queue_order) WHERE state < 3 OR final_delivered = 0;
        CREATE INDEX ix_jobs_owner ON jobs (owner_id, state);
        CREATE INDEX ix_jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
        CREATE TABLE bans (
            member_id  INTEGER PRIMARY KEY,
            banned_by  INTEGER NOT NULL,
            reason     TEXT,
            banned_at  INTEGER NOT NULL
        );
        CREATE TABLE audit (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            actor_id  INTEGER NOT NULL,
            action    TEXT    NOT NULL,
            target    TEXT,
            detail    TEXT,
            at        INTEGER NOT NULL
        );
        CREATE INDEX ix_audit_at ON audit (at);
        """,

        // 2: the attachment limit a job's images are fitted to (so a restart fits them the same), and input images,
        // kept in their own table so that listing jobs never reads the blobs.
        """
        ALTER TABLE jobs ADD COLUMN attachment_limit INTEGER;
        CREATE TABLE job_inputs (
            job_id     INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
            file_name  TEXT NOT NULL,
            content    BLOB NOT NULL
        );
        """,

        // 3: the queue's ends and a member's last submission are read on every insert, bump and cooldown check. The
        // partial index ix_jobs_active cannot answer MAX/MIN(queue_order) over the whole table, nor the owner index
        // MAX(created_at), so both scanned every finished job: an insert cost 0.86 ms at 10 rows and 5.1 ms at 10,000.
        // With these the min/max lookups are one index probe, whatever the history holds.
        """
        CREATE INDEX ix_jobs_queue_order ON jobs (queue_order);
        CREATE INDEX ix_jobs_owner_created ON jobs (owner_id, created_at);
        """,

        // 4: each image is stored once, under the SHA-256 of its bytes, and jobs refer to it: a Re-roll (or any job on the
        // same input) stored another copy of the attachment, kept for the retention period. job_images also holds the
        // images a SaveImageWebsocket node sent (slot 1 + n), which exist nowhere else: ComfyUI keeps no file of them.
        // comfybot_sha256 is a function the store registers on the migrating connection (SQLite has no SHA-256).
        """
        CREATE TABLE images (
            sha256   TEXT PRIMARY KEY,
            content  BLOB NOT NULL
        );
        CREATE TABLE job_images (
            job_id     INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
            slot       INTEGER NOT NULL,
            file_name  TEXT    NOT NULL,
            sha256     TEXT    NOT NULL REFERENCES images (sha256),
            PRIMARY KEY (job_id, slot)
        );
        CREATE INDEX ix_job_images_sha256 ON job_images (sha256);
        INSERT OR IGNORE INTO images (sha256, content) SELECT comfybot_sha256(content), content FROM job_inputs;
        INSERT INTO job_images (job_id, slot, file_name, sha256) SELECT job_id, 0, file_name, comfybot_sha256(content) FROM job_inputs;
        DROP TABLE job_inputs;
        """,

        // 5: fair use: the GPU time of each run of a job (one row per attempt, so a run is counted once however often its
        // end is seen: a restart that follows it again, a second path that ends it), on the bot's clock at the run's
        // end. No reference to jobs: a member's usage outlives the retention of their finished jobs (see
        // FinishedJobPurge.DeleteFinishedAsync, which trims it on its own schedule).
        """
        CREATE TABLE gpu_runs (
            job_id      INTEGER NOT NULL,
            attempt     INTEGER NOT NULL,
            owner_id    INTEGER NOT NULL,
            owner_name  TEXT    NOT NULL,
            backend     TEXT    NOT NULL,
            ended_at    INTEGER NOT NULL,
            gpu_ms      INTEGER NOT NULL,
            measure     TEXT    NOT NULL,
            PRIMARY KEY (job_id, attempt)
        );
        CREATE INDEX ix_gpu_runs_owner ON gpu_runs (owner_id, ended_at);
        CREATE INDEX ix_gpu_runs_ended ON gpu_runs (ended_at);
        """,

        // 6: the prompt filter rules admins add with /comfy-admin filter add (the configured ones live in the
        // configuration). kind is PromptFilterKind: 0 a word, 1 a pattern.
        """
        CREATE TABLE prompt_filters (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            kind      INTEGER NOT NULL,
            text      TEXT    NOT NULL,
            added_by  INTEGER NOT NULL,
            added_at  INTEGER NOT NULL
        );
        """,

        // 7: member defaults for /imagine (/settings): one row per member who set any. NULL is "not set" (the workflow's
        // or the bot's own value applies); grid is 0 unset, 1 grid and single images, 2 the grid alone.
        """
        CREATE TABLE member_settings (
            member_id   INTEGER PRIMARY KEY,
            workflow    TEXT,
            negative    TEXT,
            ar          TEXT,
            steps       INTEGER,
            private     INTEGER,
            grid        INTEGER NOT NULL DEFAULT 0,
            updated_at  INTEGER NOT NULL
        );
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => Steps.Count;
}
