using ComfyBot.Comfy.Nodes;

namespace ComfyBot.Core.Backends;

/// <summary>What a backend can run: its node classes and model files, as of one refresh.</summary>
internal sealed record BackendCatalogue(
    NodeCatalog Nodes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Models,
    int Version,
    DateTimeOffset FetchedAt);
