using System.Text.Json.Nodes;
using ComfyBot.Testing;

namespace ComfyBot.Comfy.Tests.Templates;

/// <summary>The bodies of the recorded validation scenario (comfy/workflows/invalid): the graph under "prompt", or the whole body.</summary>
internal static class RecordedInvalid
{
    public static string Prompt(string file)
    {
        var body = JsonNode.Parse(RepositoryFixtures.ReadText("comfy", "workflows", "invalid", file));
        return body is JsonObject root && root.ContainsKey("prompt")
            ? root["prompt"]?.ToJsonString() ?? "null"
            : body?.ToJsonString() ?? "null";
    }
}
