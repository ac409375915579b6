using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComfyBot.Testing.Traces;

/// <summary>Source-generated JSON for re-serialising recorded bodies.</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class TraceJsonContext : JsonSerializerContext;
