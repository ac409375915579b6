using System.Text.Json;
using ComfyBot.Comfy.Nodes;
using ComfyBot.Testing;

namespace ComfyBot.Comfy.Tests.Nodes;

/// <summary>The catalogue of the recorded ComfyUI 0.3.64 server, parsed once: it is immutable, so tests may share it.</summary>
internal static class RecordedCatalog
{
    private static readonly Lazy<NodeCatalog> Parsed = new(() => Parse(RepositoryFixtures.ReadText("comfy", "object_info.json")));

    public static NodeCatalog Instance => Parsed.Value;

    public static NodeCatalog Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return NodeCatalog.Parse(document.RootElement);
    }
}
