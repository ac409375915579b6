using System.Text.Json.Nodes;

namespace ComfyBot.Tests.Cli;

/// <summary>A temporary appsettings.json for a CLI verb, deleted on dispose.</summary>
internal sealed class ConfigFile : IDisposable
{
    private ConfigFile(string path) => Path = path;

    public string Path { get; }

    public static ConfigFile Write(JsonObject comfyBot)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "comfybot-cli-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, new JsonObject { ["ComfyBot"] = comfyBot }.ToJsonString());
        return new ConfigFile(path);
    }

    public void Dispose() => File.Delete(Path);
}
