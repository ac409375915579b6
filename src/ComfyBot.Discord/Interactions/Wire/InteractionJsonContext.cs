using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Interactions.Wire;

/// <summary>Source-generated metadata for the inbound interaction wire models.</summary>
[JsonSerializable(typeof(JsonInteraction))]
internal sealed partial class InteractionJsonContext : JsonSerializerContext;
