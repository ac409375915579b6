using System.Text.Json.Nodes;
using ComfyBot.Testing;

namespace ComfyBot.Tests.Shipping;

/// <summary>The README's promises that drift silently: every example key has a table line, the quick start, the invite URL.</summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryFixtures.RootDirectory, "README.md"));

    [Fact]
    public void ConfigurationTable_HasALineForEveryKeyOfTheExample()
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFixtures.RootDirectory, "appsettings.example.json")))!["ComfyBot"]!;
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        Collect(example, string.Empty, keys);
        var lines = Readme.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();

        var missing = keys.Where(key => !Documented(key, lines)).ToList();

        Assert.True(keys.Count > 60, $"only {keys.Count} keys found in the example");
        Assert.True(missing.Count == 0, "README's configuration table lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void QuickStart_HasExactlyTheTwoCommands()
    {
        Assert.Contains("dotnet run --project src/ComfyBot -- demo ", Readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test ComfyBot.sln ", Readme, StringComparison.Ordinal);
    }

    [Fact]
    public void InviteUrl_AsksForTheScopesAndTheFourPermissions()
    {
        const int viewChannel = 1 << 10, sendMessages = 1 << 11, embedLinks = 1 << 14, attachFiles = 1 << 15;

        Assert.Contains(
            $"https://discord.com/oauth2/authorize?client_id=<id>&scope=bot+applications.commands&permissions={viewChannel | sendMessages | embedLinks | attachFiles}",
            Readme,
            StringComparison.Ordinal);
    }

    private static bool Documented(string key, List<string> lines)
    {
        var cut = key.LastIndexOf(':');
        var parent = cut < 0 ? string.Empty : key[..cut];
        var leaf = key[(cut + 1)..];

        // A line may group siblings: "| `Policy:Everyone:MaxSteps` / `MaxPixels` / ..." or "`...:Min` / `:Max`".
        return lines.Any(line => line.Contains($"`{key}`", StringComparison.Ordinal)
            || (cut >= 0 && line.Contains($"`{parent}:", StringComparison.Ordinal)
                && (line.Contains($"`{leaf}`", StringComparison.Ordinal) || line.Contains($"`:{leaf}`", StringComparison.Ordinal))));
    }

    // Configuration paths as the README writes them: list indexes as N, free-form names as <name>/<option>.
    private static void Collect(JsonNode node, string path, SortedSet<string> keys)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (name, child) in json)
                {
                    var segment = path.EndsWith(":Headers", StringComparison.Ordinal) ? "<name>"
                        : path.EndsWith(":Bindings", StringComparison.Ordinal) || path.EndsWith(":Bounds", StringComparison.Ordinal) ? "<option>"
                        : name;
                    if (child is not null)
                    {
                        Collect(child, path.Length == 0 ? segment : $"{path}:{segment}", keys);
                    }
                }

                break;
            case JsonArray array when array.Count > 0 && array.All(item => item is JsonObject):
                foreach (var item in array)
                {
                    Collect(item!, $"{path}:N", keys);
                }

                break;
            default:
                keys.Add(path);
                break;
        }
    }
}
