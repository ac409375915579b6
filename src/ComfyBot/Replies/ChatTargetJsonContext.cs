using System.Text.Json.Serialization;

namespace ComfyBot.Replies;

/// <summary>Source-generated JSON for <see cref="ChatTarget"/>.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatTarget))]
internal sealed partial class ChatTargetJsonContext : JsonSerializerContext;
