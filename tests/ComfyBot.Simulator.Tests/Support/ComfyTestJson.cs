using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ComfyBot.Simulator.Tests.Support;

/// <summary>Source-generated JSON for the few serializer calls the tests make.</summary>
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class ComfyTestJson : JsonSerializerContext;
