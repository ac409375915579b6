using System.Text.Json.Serialization;

namespace ComfyBot.Health;

/// <summary>Source-generated JSON for <c>/healthz</c>.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
