using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ComfyBot.FakeDiscord.Rest;

/// <summary>Reads a JSON or multipart (<c>payload_json</c> + <c>files[n]</c>) body the way Discord accepts them.</summary>
internal static class RequestBodyReader
{
    /// <summary>Above Discord's 25 MiB request cap, so per-file limits (413 40005) are what a client meets.</summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    private static readonly FormOptions Form = new()
    {
        MultipartBodyLengthLimit = MaxRequestBytes,
        ValueLengthLimit = 4 * 1024 * 1024,
        MemoryBufferThreshold = 1024 * 1024,
    };

    public static async Task<(JsonNode? Payload, IReadOnlyList<UploadedFile> Files)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType ?? "";
        if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadMultipartAsync(request, cancellationToken);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return (null, []);
        }

        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new DiscordErrorException(RestResponse.InvalidFormBody("", "CONTENT_TYPE_INVALID",
                $"Expected Content-Type application/json or multipart/form-data, got '{(contentType.Length == 0 ? "none" : contentType)}'."));
        }

        return (Parse(buffer.ToArray()), []);
    }

    private static async Task<(JsonNode?, IReadOnlyList<UploadedFile>)> ReadMultipartAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await new FormFeature(request, Form).ReadFormAsync(cancellationToken);
        JsonNode? payload = null;
        if (form.TryGetValue("payload_json", out var text) && text.Count > 0)
        {
            payload = Parse(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        }

        var files = new List<UploadedFile>();
        foreach (var file in form.Files)
        {
            using var stream = file.OpenReadStream();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            if (file.Name == "payload_json")
            {
                // Some clients send payload_json as a part with a filename; Discord reads it all the same.
                payload = Parse(copy.ToArray());
                continue;
            }

            files.Add(new UploadedFile(file.Name, IndexOf(file.Name), file.FileName, file.ContentType, copy.ToArray()));
        }

        return (payload, files);
    }

    /// <summary><c>files[3]</c> → 3; Discord also accepts <c>file</c> and <c>file3</c>-style names without an index.</summary>
    private static int? IndexOf(string name)
    {
        var open = name.IndexOf('[', StringComparison.Ordinal);
        if (open < 0 || !name.EndsWith(']'))
        {
            return null;
        }

        return int.TryParse(name.AsSpan(open + 1, name.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    private static JsonNode? Parse(byte[] utf8)
    {
        try
        {
            return JsonNode.Parse(utf8);
        }
        catch (JsonException)
        {
            throw new DiscordErrorException(RestResponse.Error(400, 50109, "The request body contains invalid JSON."));
        }
    }
}
