using ComfyBot.Comfy;
using ComfyBot.Comfy.Http;
using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Running;

public sealed partial class JobService
{
    /// <summary>
    /// The <paramref name="index"/>-th image a succeeded job saved (0-based, in the order of its reply), fetched again from
    /// the backend that made it: the input of an Upscale or Vary follow-up. Null when the job does not exist or did not
    /// succeed, has no such image, or its backend is gone or cannot serve the file any more.
    /// </summary>
    public async Task<InputImage?> GetOutputImageAsync(long jobId, int index, CancellationToken cancellationToken = default)
    {
        if (index < 0
            || await _store.GetAsync(jobId, cancellationToken) is not { State: JobState.Succeeded, Backend: { } backendName } job
            || FindBackend(backendName) is not { } backend)
        {
            return null;
        }

        var output = SavedImages(job.Outputs).ElementAtOrDefault(index);
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
        catch (Exception error) when (Backends.BackendTrouble.Is(error))
        {
            LogBackendOffline(backend.Name, jobId, error.Message);
            return null;
        }
    }

    /// <summary>The outputs a reply attaches: saved images, not previews or other kinds of files.</summary>
    private static IEnumerable<OutputFile> SavedImages(IEnumerable<OutputFile> outputs) =>
        outputs.Where(o => o.Kind == "images" && o.File.Type == "output");
}
