using System.Text;
using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Apis;

/// <summary>
/// JSON responses as aiohttp's json_response sends them: "application/json; charset=utf-8", any status.
/// Bodies are JsonNode trees because ComfyUI's payloads are open-ended Python dicts.
/// </summary>
internal sealed class JsonReply : IResult
{
    private readonly JsonNode _body;
    private readonly int _status;

    private JsonReply(JsonNode body, int status)
    {
        _body = body;
        _status = status;
    }

    public static JsonReply Ok(JsonNode body) => new(body, StatusCodes.Status200OK);

    public static JsonReply Status(JsonNode body, int status) => new(body, status);

    /// <summary>What aiohttp answers when a handler raises: the simulator mirrors the real server's 500s.</summary>
    public static IResult ServerError() =>
        Results.Text("500 Internal Server Error\n\nServer got itself in trouble", "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status500InternalServerError);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var bytes = Encoding.UTF8.GetBytes(Sockets.WireJson.Write(_body));
        httpContext.Response.StatusCode = _status;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = bytes.Length;
        await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    /// <summary>Reads a request body as JSON; null when it is not JSON (the real handlers then fail with 500).</summary>
    public static async Task<(bool Ok, JsonNode? Node)> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        try
        {
            return (true, JsonNode.Parse(text));
        }
        catch (System.Text.Json.JsonException)
        {
            return (false, null);
        }
    }
}
