using System.Text.Json.Nodes;

namespace ComfyBot.Comfy.Templates;

/// <summary>A template with its parameters applied: the API-format graph for the <c>prompt</c> field of POST /prompt.</summary>
public sealed class RenderedWorkflow
{
    internal RenderedWorkflow(byte[] utf8Json, ulong? seed)
    {
        Utf8Json = utf8Json;
        Seed = seed;
    }

    /// <summary>The graph as UTF-8 JSON, ready to write as the raw value of the <c>prompt</c> field.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>The seed written into every seed input (the caller's, or the one drawn); null when the template binds none.</summary>
    public ulong? Seed { get; }

    /// <summary>A new, independent <see cref="JsonObject"/> of the graph.</summary>
    public JsonObject ToJsonObject() => JsonNode.Parse(Utf8Json.Span)!.AsObject();
}
