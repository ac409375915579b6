using ComfyBot.Comfy.Http;

namespace ComfyBot.Core.Backends;

/// <summary>
/// The one rule for "the GPU server is in trouble": it could not be reached, answered 5xx or with an error. Such a
/// failure is the server's, not the job's: the caller keeps the job (or the image) and tries again later, while any
/// other exception is a bug or a bad request and is reported as such.
/// </summary>
public static class BackendTrouble
{
    /// <summary>Whether <paramref name="error"/> says the server could not be reached or answered with an error.</summary>
    public static bool Is(Exception error) => error is HttpRequestException or ComfyUnavailableException or ComfyHttpException;
}
