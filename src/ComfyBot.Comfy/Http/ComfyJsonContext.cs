using System.Text.Json.Serialization;

namespace ComfyBot.Comfy.Http;

/// <summary>Source-generated JSON metadata for the fixed-shape responses.</summary>
[JsonSerializable(typeof(SystemStats))]
[JsonSerializable(typeof(UploadResponse))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class ComfyJsonContext : JsonSerializerContext;
