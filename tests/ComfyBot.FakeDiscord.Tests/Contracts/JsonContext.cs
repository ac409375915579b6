using System.Text.Json.Serialization;

namespace ComfyBot.FakeDiscord.Tests.Contracts;

[JsonSerializable(typeof(string))]
internal sealed partial class JsonContext : JsonSerializerContext;
