using System.Net;
using System.Text;

namespace ComfyBot.Comfy.Tests.Http;

/// <summary>An HttpMessageHandler that answers from a script and remembers every request with its body.</summary>
internal sealed class ScriptedHttpHandler(Func<ScriptedHttpHandler.Request, HttpResponseMessage> answer) : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly List<Request> _requests = [];

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Json(byte[] json, HttpStatusCode status = HttpStatusCode.OK)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new("application/json");
        return new HttpResponseMessage(status) { Content = content };
    }

    public static HttpClient Client(ScriptedHttpHandler handler) => new(handler) { BaseAddress = new Uri("http://comfy.test:8188/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new Request(request.Method.Method, request.RequestUri!.PathAndQuery, body, request.Content?.Headers.ContentType?.MediaType);
        lock (_gate)
        {
            _requests.Add(recorded);
        }

        return answer(recorded);
    }

    public sealed record Request(string Method, string PathAndQuery, string Body, string? ContentType)
    {
        public string Path => PathAndQuery.Split('?')[0];

        public override string ToString() => $"{Method} {PathAndQuery}";
    }
}
