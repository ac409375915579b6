using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Gateway.Wire;

/// <summary>Source-generated metadata for the gateway payloads we read.</summary>
[JsonSerializable(typeof(JsonHello))]
[JsonSerializable(typeof(JsonReady))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
