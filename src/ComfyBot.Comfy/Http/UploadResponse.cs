using System.Text.Json.Serialization;

namespace ComfyBot.Comfy.Http;

/// <summary>The wire shape of POST /upload/image's answer.</summary>
internal sealed class UploadResponse
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("subfolder")]
    public string? Subfolder { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }
}
