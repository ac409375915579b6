using System.Xml.Linq;
using ComfyBot.Testing;

namespace ComfyBot.Tests.Shipping;

/// <summary>
/// There is no Docker engine here, so the Dockerfile is checked against the repository instead: what it copies exists
/// and is not ignored, the restore layer has every project the publish needs, and the runtime stage is non-root with a
/// health check, the volumes and the port the documentation promises. <see cref="DockerPublishTests"/> runs its publish.
/// </summary>
public sealed class DockerfileTests
{
    internal static readonly string Root = RepositoryFixtures.RootDirectory;

    internal static readonly IReadOnlyList<DockerInstruction> Instructions =
        DockerInstruction.Parse(File.ReadAllText(Path.Combine(Root, "Dockerfile")));

    internal static readonly DockerIgnore Ignore = new(File.ReadAllText(Path.Combine(Root, ".dockerignore")));

    [Fact]
    public void BuildsWithTheSdk_AndRunsOnRuntimeDeps()
    {
        var stages = Instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments[0]).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/runtime-deps:10.0"], stages);
    }

    [Fact]
    public void PublishesNativeAot_WithTheToolchainItLinksWith()
    {
        var build = Instructions.Where(i => i.Stage == 0).ToList();
        var restore = Assert.Single(build, i => i.Keyword == "RUN" && i.Text.StartsWith("dotnet restore", StringComparison.Ordinal));
        var publish = Assert.Single(build, i => i.Keyword == "RUN" && i.Text.StartsWith("dotnet publish", StringComparison.Ordinal));
        var toolchain = Assert.Single(build, i => i.Keyword == "RUN" && i.Text.Contains("apt-get install", StringComparison.Ordinal));

        // The restore must fetch the AOT compiler the publish uses, and the publish links with the gcc installed before it.
        Assert.Contains("-p:PublishAot=true", restore.Arguments);
        Assert.Contains("-p:PublishAot=true", publish.Arguments);
        Assert.Contains("-p:CppCompilerAndLinker=gcc", publish.Arguments);
        Assert.Contains("gcc", toolchain.Arguments);
        Assert.True(build.IndexOf(toolchain) < build.IndexOf(publish), "the toolchain is installed before the publish");
    }

    [Fact]
    public void EveryCopiedPathExists_AndIsNotIgnored()
    {
        var copies = Instructions.Where(i => i.Keyword is "COPY" or "ADD" && !i.Flags.ContainsKey("from")).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            foreach (var source in copy.Arguments.SkipLast(1))
            {
                var path = Path.Combine(Root, source);
                Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: no such file or folder in the repository.");
                foreach (var file in FilesUnder(source))
                {
                    Assert.False(Ignore.Excludes(file), $"COPY {source} needs {file}, but .dockerignore leaves it out of the context.");
                }
            }
        }
    }

    [Fact]
    public void IgnoresBuildOutput_TestsAndLocalData()
    {
        string[] ignored = ["src/ComfyBot/bin/Debug/net10.0/ComfyBot.dll", "src/ComfyBot.Core/obj/project.assets.json", ".git/HEAD", "tests/ComfyBot.Tests/ComfyBot.Tests.csproj", "bench/ComfyBot.Benchmarks/Program.cs", "comfybot.db", "appsettings.json"];
        string[] kept = ["src/ComfyBot/Program.cs", "templates/sd15-txt2img.json", "Directory.Packages.props", "appsettings.example.json", "src/ComfyBot.Simulator/Resources/object_info.json"];

        Assert.All(ignored, path => Assert.True(Ignore.Excludes(path), $"{path} should be ignored"));
        Assert.All(kept, path => Assert.False(Ignore.Excludes(path), $"{path} should be kept"));
    }

    [Fact]
    public void RestoreLayer_CopiesEveryProjectThePublishNeeds_AndTheBuildProps()
    {
        var restore = IndexOf(i => i.Keyword == "RUN" && i.Text.StartsWith("dotnet restore", StringComparison.Ordinal));
        var copiedFirst = Instructions.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(i => i.Arguments.SkipLast(1)).ToHashSet(StringComparer.Ordinal);

        var projects = ProjectClosure("src/ComfyBot/ComfyBot.csproj");

        Assert.Equal(6, projects.Count);
        Assert.All(projects, project => Assert.Contains(project, copiedFirst));
        Assert.Contains("Directory.Build.props", copiedFirst);
        Assert.Contains("Directory.Packages.props", copiedFirst);
        Assert.Contains("src/ComfyBot/ComfyBot.csproj", Instructions[restore].Text, StringComparison.Ordinal);
        Assert.True(IndexOf(i => i.Keyword == "COPY" && i.Arguments[0] == "src/") > restore, "the sources are copied after the restore layer");
    }

    [Fact]
    public void RuntimeStage_IsNonRoot_WithHealthCheckVolumesAndPort()
    {
        var runtime = Instructions.Where(i => i.Stage == 1).ToList();
        var user = runtime.Last(i => i.Keyword == "USER").Text;
        var volumes = runtime.Where(i => i.Keyword == "VOLUME").SelectMany(i => i.Arguments).ToList();
        var environment = runtime.Where(i => i.Keyword == "ENV").SelectMany(i => i.Arguments).ToList();
        var health = Assert.Single(runtime, i => i.Keyword == "HEALTHCHECK");

        Assert.Equal("$APP_UID", user);
        Assert.True(IndexOf(i => i.Keyword == "USER") < IndexOf(i => i.Keyword == "ENTRYPOINT"), "USER comes before ENTRYPOINT");
        Assert.Contains("/data", volumes);
        Assert.Contains("/app/templates", volumes);
        Assert.Contains("ComfyBot__Store__Path=/data/comfybot.db", environment);
        Assert.Contains("ComfyBot__Http__ListenUrls=http://+:8080", environment);
        Assert.Equal("8080", Assert.Single(runtime, i => i.Keyword == "EXPOSE").Text);
        Assert.Equal(["CMD", "/app/ComfyBot", "health", "--url", "http://127.0.0.1:8080/healthz"], health.Arguments.SkipWhile(a => a != "CMD"));
        Assert.Equal(["/app/ComfyBot"], Assert.Single(runtime, i => i.Keyword == "ENTRYPOINT").Arguments);
        Assert.Equal("/app", runtime.Last(i => i.Keyword == "WORKDIR").Text);
        Assert.Contains(runtime, i => i.Keyword == "COPY" && i.Arguments.SequenceEqual(["templates/", "templates/"]));
    }

    /// <summary>The arguments of the build stage's <c>dotnet publish</c>.</summary>
    private static int IndexOf(Func<DockerInstruction, bool> match)
    {
        for (var i = 0; i < Instructions.Count; i++)
        {
            if (match(Instructions[i]))
            {
                return i;
            }
        }

        Assert.Fail("The Dockerfile lacks an expected instruction.");
        return -1;
    }

    // Every project the entry project references, transitively, as repository-relative paths.
    private static HashSet<string> ProjectClosure(string entry)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([entry]);
        while (pending.TryPop(out var project))
        {
            if (!found.Add(project))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(Path.Combine(Root, project))!;
            foreach (var reference in XDocument.Load(Path.Combine(Root, project)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(Root, full).Replace('\\', '/'));
            }
        }

        return found;
    }

    // The files a COPY source brings, skipping build output (which the build recreates and .dockerignore drops on purpose).
    private static IEnumerable<string> FilesUnder(string source)
    {
        var path = Path.Combine(Root, source);
        if (File.Exists(path))
        {
            return [source.TrimEnd('/')];
        }

        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj"));
    }
}
