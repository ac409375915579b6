using ComfyBot.Simulator.Execution;
using ComfyBot.Simulator.Files;
using ComfyBot.Simulator.Tests.Support;

namespace ComfyBot.Simulator.Tests.Execution;

public sealed class CacheKeysTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cachekeys-" + Guid.NewGuid().ToString("N"));
    private readonly FileStore _files;

    public CacheKeysTests() => _files = new FileStore(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void IdenticalPrompts_HaveIdenticalKeys()
    {
        Assert.Equal(CacheKeys.Compute(Comfy.Workflow("txt2img"), _files), CacheKeys.Compute(Comfy.Workflow("txt2img"), _files));
    }

    [Fact]
    public void SeedChange_ChangesSamplerAndDownstreamOnly()
    {
        var before = CacheKeys.Compute(Comfy.Workflow("txt2img"), _files);
        var reseeded = Comfy.Workflow("txt2img");
        reseeded["3"]!["inputs"]!["seed"] = 99;
        var after = CacheKeys.Compute(reseeded, _files);

        var changed = before.Keys.Where(id => before[id] != after[id]).Order(StringComparer.Ordinal);
        Assert.Equal(["10", "3", "8", "9"], changed);
    }

    [Fact]
    public void Keys_DoNotDependOnNodeIds()
    {
        var prompt = Comfy.TraceSleep(2, "same");
        var renumbered = new System.Text.Json.Nodes.JsonObject { ["77"] = prompt["1"]!.DeepClone() };
        Assert.Equal(CacheKeys.Compute(prompt, _files)["1"], CacheKeys.Compute(renumbered, _files)["77"]);
    }

    [Fact]
    public void LoadImage_KeyFollowsTheFileContent()
    {
        File.WriteAllBytes(Path.Combine(_files.InputDirectory, "trace_input.png"), [1, 2, 3]);
        var first = CacheKeys.Compute(Comfy.Workflow("img2img"), _files)["1"];
        File.WriteAllBytes(Path.Combine(_files.InputDirectory, "trace_input.png"), [4, 5, 6]);
        Assert.NotEqual(first, CacheKeys.Compute(Comfy.Workflow("img2img"), _files)["1"]);
    }

    [Fact]
    public void OutputCache_Retain_KeepsOnlyTheNewPromptsKeys()
    {
        var cache = new OutputCache();
        cache.Store("a", new CachedNode([], null));
        cache.Store("b", new CachedNode([], null));
        cache.Retain(["b", "c"]);
        Assert.False(cache.Contains("a"));
        Assert.True(cache.Contains("b"));
    }
}
