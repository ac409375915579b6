using System.Net;

namespace ComfyBot.Comfy.Http;

/// <summary>ComfyUI answered an HTTP call with a status that is not success.</summary>
public sealed class ComfyHttpException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ComfyHttpException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ComfyHttpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ComfyHttpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a response.</summary>
    /// <param name="endpoint">Method and path, e.g. <c>GET /history/abc</c>.</param>
    /// <param name="statusCode">The response status.</param>
    /// <param name="body">The start of the response body, for the message.</param>
    public ComfyHttpException(string endpoint, HttpStatusCode statusCode, string body)
        : base($"ComfyUI answered {endpoint} with {(int)statusCode} {statusCode}{(string.IsNullOrWhiteSpace(body) ? "." : ": " + body)}")
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
        Body = body;
    }

    /// <summary>Method and path of the call, e.g. <c>GET /history/abc</c>.</summary>
    public string Endpoint { get; } = string.Empty;

    /// <summary>The response status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The start of the response body (at most a few hundred characters).</summary>
    public string Body { get; } = string.Empty;

    /// <summary>True for a 5xx: the server or a proxy failed, and an idempotent call may be retried.</summary>
    public bool IsServerError => (int)StatusCode >= 500;
}
