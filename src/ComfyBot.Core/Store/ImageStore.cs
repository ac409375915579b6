using System.Security.Cryptography;
using ComfyBot.Core.Jobs;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Store;

/// <summary>
/// The images jobs refer to (images, job_images): a job's input and the images its run streamed, each kept once by
/// its SHA-256 however many jobs refer to it.
/// </summary>
/// <param name="database">The store's file.</param>
public sealed class ImageStore(StoreDatabase database)
{
    // A job's images in job_images: its input at slot 0, the images a SaveImageWebsocket node sent from slot 1 on.
    internal const int InputSlot = 0;
    private const int FirstStreamedSlot = 1;

    /// <summary>
    /// Keeps the images job <paramref name="id"/>'s run sent over the WebSocket (SaveImageWebsocket), in the order of its
    /// reply: ComfyUI keeps no file of them, so a restart before the reply and an Upscale or Vary later read them here.
    /// Each image is stored once, however many jobs refer to it.
    /// </summary>
    public Task SaveStreamedImagesAsync(long id, IReadOnlyList<InputImage> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                for (var index = 0; index < images.Count; index++)
                {
                    await LinkImageAsync(connection, transaction, id, FirstStreamedSlot + index, images[index], cancellationToken);
                }

                return images.Count;
            },
            cancellationToken);
    }

    /// <summary>The images <see cref="SaveStreamedImagesAsync"/> kept for job <paramref name="id"/>, in order; empty when none.</summary>
    public Task<IReadOnlyList<InputImage>> GetStreamedImagesAsync(long id, CancellationToken cancellationToken = default) =>
        ReadImagesAsync(id, FirstStreamedSlot, int.MaxValue, cancellationToken);

    /// <summary>The input image stored with job <paramref name="id"/> (see <see cref="JobStore.AddAsync(Job, InputImage?, CancellationToken)"/>), or null when it has none.</summary>
    public async Task<InputImage?> GetInputImageAsync(long id, CancellationToken cancellationToken = default) =>
        (await ReadImagesAsync(id, InputSlot, InputSlot, cancellationToken)).SingleOrDefault();

    /// <summary>How many distinct images the store holds, whatever the number of jobs that refer to them.</summary>
    public async Task<long> CountImagesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM images;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The key an image is stored under: the SHA-256 of its bytes, in lowercase hex.</summary>
    internal static string ImageKey(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Links <paramref name="image"/> to job <paramref name="jobId"/> at <paramref name="slot"/> in the caller's transaction, storing its bytes when the store lacks them.</summary>
    internal static async Task LinkImageAsync(
        SqliteConnection connection, SqliteTransaction transaction, long jobId, int slot, InputImage image, CancellationToken cancellationToken)
    {
        var key = ImageKey(image.Content.Span);
        await using (var exists = connection.CreateCommand())
        {
            // The bytes are sent only when the store lacks them: a Re-roll of a large attachment writes one short row.
            exists.Transaction = transaction;
            exists.CommandText = "SELECT 1 FROM images WHERE sha256 = $key;";
            exists.Parameters.AddWithValue("$key", key);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var blob = connection.CreateCommand();
                blob.Transaction = transaction;
                blob.CommandText = "INSERT INTO images (sha256, content) VALUES ($key, $content);";
                blob.Parameters.AddWithValue("$key", key);
                blob.Parameters.AddWithValue("$content", image.Content.ToArray());
                await blob.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using var link = connection.CreateCommand();
        link.Transaction = transaction;
        link.CommandText = "INSERT OR REPLACE INTO job_images (job_id, slot, file_name, sha256) VALUES ($id, $slot, $name, $key);";
        link.Parameters.AddWithValue("$id", jobId);
        link.Parameters.AddWithValue("$slot", slot);
        link.Parameters.AddWithValue("$name", image.FileName);
        link.Parameters.AddWithValue("$key", key);
        await link.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Job <paramref name="id"/>'s images from slot <paramref name="fromSlot"/> to <paramref name="toSlot"/>, in order.</summary>
    internal async Task<IReadOnlyList<InputImage>> ReadImagesAsync(long id, int fromSlot, int toSlot, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT j.file_name, i.content FROM job_images j JOIN images i ON i.sha256 = j.sha256
            WHERE j.job_id = $id AND j.slot BETWEEN $from AND $to ORDER BY j.slot;
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$from", fromSlot);
        command.Parameters.AddWithValue("$to", toSlot);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var images = new List<InputImage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            images.Add(new InputImage(reader.GetString(0), (byte[])reader.GetValue(1)));
        }

        return images;
    }
}
