using ComfyBot.Comfy;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Running;

/// <summary>
/// A job's saved images on its backend: fetched as they are reported while it runs, the rest at its end, and again
/// later as the input of an Upscale or Vary follow-up. A file the server cannot serve is named, never fatal.
/// </summary>
internal sealed class OutputImages(JobEngine engine)
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
        if (index < 0
            || await engine.Store.GetAsync(jobId, cancellationToken) is not { State: JobState.Succeeded, Backend: { } backendName } job
            || engine.FindBackend(backendName) is not { } backend)
        {
            return null;
        }

        var output = Saved(job.Outputs).ElementAtOrDefault(index);
        if (output is null)
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
}
