namespace ComfyBot.Testing;

/// <summary>
/// Finds the data that tests read. The repository root is the folder holding ComfyBot.sln, found by
/// walking up from the test's working directory, so tests run the same from any clone and any runner.
/// </summary>
public static class RepositoryFixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root: the folder that holds ComfyBot.sln.</summary>
    public static string RootDirectory => Root.Value;

    /// <summary>tests/fixtures under the repository root.</summary>
    public static string FixturesDirectory => Path.Combine(RootDirectory, "tests", "fixtures");

    /// <summary>A path under tests/fixtures, which must exist.</summary>
    public static string FixturePath(params string[] parts)
    {
        var path = Path.Combine([FixturesDirectory, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"Test fixture '{path}' is missing; fixtures live under tests/fixtures.", path);
        }

        return path;
    }

    /// <summary>The text of a file under tests/fixtures.</summary>
    public static string ReadText(params string[] parts) => File.ReadAllText(FixturePath(parts));

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ComfyBot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Could not find ComfyBot.sln above the test's folder; run tests from inside the repository.");
    }
}
