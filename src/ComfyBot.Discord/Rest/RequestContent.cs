using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ComfyBot.Discord.Messages;

namespace ComfyBot.Discord.Rest;

/// <summary>Builds request bodies: JSON, or multipart with <c>payload_json</c> and <c>files[n]</c> when files go along.</summary>
internal static class RequestContent
{
    public static HttpContent Json<T>(T payload, JsonTypeInfo<T> typeInfo) => JsonContent.Create(payload, typeInfo);

    public static HttpContent Create<T>(T payload, JsonTypeInfo<T> typeInfo, IReadOnlyList<FileUpload> files)
    {
        if (files.Count == 0)
        {
            return Json(payload, typeInfo);
        }

        var multipart = new MultipartFormDataContent();
        var json = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo));
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        multipart.Add(json, "payload_json");
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var part = new ReadOnlyMemoryContent(file.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType ?? GuessContentType(file.FileName));
            multipart.Add(part, $"files[{i}]", file.FileName);
        }

        return multipart;
    }

    private static string GuessContentType(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".PNG" => "image/png",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".WEBP" => "image/webp",
        ".GIF" => "image/gif",
        ".MP4" => "video/mp4",
        ".TXT" => "text/plain",
        ".JSON" => "application/json",
        _ => "application/octet-stream",
    };
}
