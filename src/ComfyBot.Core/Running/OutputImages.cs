using ComfyBot.Comfy;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Progress;
using ComfyBot.Core.Store;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Core.Running;

/// <summary>
/// A job's saved images on its backend: fetched as they are reported while it runs, the rest at its end, and again
/// later as the input of an Upscale or Vary follow-up. A file the server cannot serve is named, never fatal.
/// </summary>
internal sealed partial class OutputImages(JobEngine engine)
{
    /// <summary>
    /// The saved images of a finished run, using those fetched while it ran and fetching the rest now. An image the
    /// server cannot serve is left out and named in the returned problems rather than failing the whole reply.
    /// </summary>
    public async Task<(IReadOnlyList<ReplyImage> Images, IReadOnlyList<string> Problems)> FetchAsync(
        IJobBackend backend,
        IReadOnlyList<OutputFile> outputs,
        IReadOnlyDictionary<ComfyFile, Task<ReplyImage?>>? fetched = null)
    {
        var images = new List<ReplyImage>(outputs.Count);
        var problems = new List<string>();
        foreach (var output in Saved(outputs))
        {
            try
            {
                var early = fetched?.GetValueOrDefault(output.File) is { } task ? await task : null;
                images.Add(early ?? await FetchOneAsync(backend, output.File, engine.Shutdown));
            }
            catch (Exception error) when (BackendTrouble.Is(error))
            {
                JobEngine.LogBackendOffline(engine.Logger, backend.Name, 0, error.Message);
                problems.Add($"'{output.File.Filename}' could not be fetched from {backend.Name} ({error.Message})");
            }
        }

        return (images, problems);
    }

    /// <summary>
    /// Keeps the images a SaveImageWebsocket node sent in the store, since ComfyUI keeps no file of them, and returns the
    /// outputs that stand for them in <see cref="Job.Outputs"/> (type <see cref="StreamedType"/>, after the saved files,
    /// as in the reply). A store that refuses is logged: the reply still carries the images, only a later Upscale, Vary
    /// or restart lacks them.
    /// </summary>
    public async Task<IReadOnlyList<OutputFile>> KeepStreamedAsync(long jobId, JobSucceeded succeeded, IReadOnlyList<ReplyImage> streamed)
    {
        if (streamed.Count == 0)
        {
            return [];
        }

        try
        {
            await engine.Images.SaveStreamedImagesAsync(jobId, [.. streamed.Select(i => new InputImage(i.FileName, i.Content))], CancellationToken.None);
        }
        catch (Exception error) when (StoreFailure.Is(error))
        {
            LogStreamedNotKept(engine.Logger, jobId, streamed.Count, StoreFailure.Describe(error));
            return [];
        }

        return [.. streamed.Select((image, index) => new OutputFile(succeeded.StreamedImages[index].NodeId, "images", new ComfyFile(image.FileName, string.Empty, StreamedType)))];
    }

    /// <summary>The images the store kept for a job's SaveImageWebsocket outputs, ready to attach again.</summary>
    public async Task<IReadOnlyList<ReplyImage>> StreamedAsync(Job job, CancellationToken cancellationToken)
    {
        if (!job.Outputs.Any(o => o.File.Type == StreamedType))
        {
            return [];
        }

        return [.. (await engine.Images.GetStreamedImagesAsync(job.Id, cancellationToken)).Select(i => new ReplyImage(i.FileName, MediaTypeOf(i.FileName), i.Content))];
    }

    /// <summary>
    /// Starts fetching the saved images a running job has reported so far, as their <c>executed</c> events arrive: the
    /// final reply then need not wait for them, and keeps them if the server loses its files before the run ends.
    /// </summary>
    public static void Prefetch(ActiveJob active, IJobBackend backend, IReadOnlyList<OutputFile> outputs)
    {
        foreach (var output in Saved(outputs))
        {
            if (!active.Fetched.ContainsKey(output.File))
            {
                active.Fetched[output.File] = TryFetchAsync(backend, output.File, active.Stop.Token);
            }
        }
    }

    /// <summary>
    /// The <paramref name="index"/>-th image a succeeded job saved (0-based, in the order of its reply), fetched again from
    /// the backend that made it: the input of an Upscale or Vary follow-up. Null when the job does not exist or did not
    /// succeed, has no such image, or its backend is gone or cannot serve the file any more.
    /// </summary>
    public async Task<InputImage?> GetAsync(long jobId, int index, CancellationToken cancellationToken)
    {
        if (index < 0 || await engine.Store.GetAsync(jobId, cancellationToken) is not { State: JobState.Succeeded, Backend: { } backendName } job)
        {
            return null;
        }

        // In the reply's order: the files the server saved, then the images sent over the WebSocket, which the store keeps.
        var saved = Saved(job.Outputs).Count();
        if (index >= saved)
        {
            var streamed = await engine.Images.GetStreamedImagesAsync(jobId, cancellationToken);
            return streamed.ElementAtOrDefault(index - saved);
        }

        var output = Saved(job.Outputs).ElementAt(index);
        if (engine.FindBackend(backendName) is not { } backend)
        {
            return null;
        }

        try
        {
            await using var stream = await backend.OpenFileAsync(output.File, cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return new InputImage(output.File.Filename, buffer.ToArray());
        }
        catch (Exception error) when (BackendTrouble.Is(error))
        {
            JobEngine.LogBackendOffline(engine.Logger, backend.Name, jobId, error.Message);
            return null;
        }
    }

    /// <summary>
    /// The <see cref="ComfyFile.Type"/> of an output that stands for an image a SaveImageWebsocket node sent: it has no
    /// file on the server (no /view), and the bot's store holds its bytes.
    /// </summary>
    public const string StreamedType = "websocket";

    /// <summary>The outputs a reply attaches: saved images, not previews or other kinds of files.</summary>
    public static IEnumerable<OutputFile> Saved(IEnumerable<OutputFile> outputs) =>
        outputs.Where(o => o.Kind == "images" && o.File.Type == "output");

    private static async Task<ReplyImage?> TryFetchAsync(IJobBackend backend, ComfyFile file, CancellationToken cancellationToken)
    {
        try
        {
            return await FetchOneAsync(backend, file, cancellationToken);
        }
        catch (Exception error) when (BackendTrouble.Is(error) || error is OperationCanceledException)
        {
            // The end of the run fetches it again, and reports a failure then.
            return null;
        }
    }

    private static async Task<ReplyImage> FetchOneAsync(IJobBackend backend, ComfyFile file, CancellationToken cancellationToken)
    {
        await using var stream = await backend.OpenFileAsync(file, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return new ReplyImage(file.Filename, MediaTypeOf(file.Filename), buffer.ToArray());
    }

    private static string MediaTypeOf(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".JPG" or ".JPEG" => "image/jpeg",
        ".WEBP" => "image/webp",
        ".GIF" => "image/gif",
        _ => "image/png",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job #{JobId}: the {Count} image(s) sent over the WebSocket could not be kept in the store ({Reason}); the reply has them, but Upscale, Vary and a restart before the reply will not")]
    private static partial void LogStreamedNotKept(ILogger logger, long jobId, int count, string reason);
}
