using Microsoft.Extensions.Logging;

namespace ComfyBot.Tests.Logging;

/// <summary>
/// A careless component, as the framework's own HttpClient logging would be: logs every request's URL and
/// Authorization header, the request body, and an exception quoting the URL, all at Trace.
/// </summary>
internal sealed class WireLoggingHandler(ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is { Headers.ContentType.MediaType: "application/json" } content ? await content.ReadAsStringAsync(cancellationToken) : string.Empty;
        logger.LogTrace("Sending {Method} {Url} with {Authorization}: {Body}", request.Method, request.RequestUri, request.Headers.Authorization, body);
        var response = await base.SendAsync(request, cancellationToken);
        logger.LogTrace(new HttpRequestException($"pretend failure of {request.RequestUri}"), "Answered {Status} for {Url}", (int)response.StatusCode, request.RequestUri?.AbsoluteUri);
        using (logger.BeginScope("Request to {Url}", request.RequestUri))
        {
            logger.LogTrace("Scoped line");
        }

        return response;
    }
}
