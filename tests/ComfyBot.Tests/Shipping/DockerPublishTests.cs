using System.Diagnostics;

namespace ComfyBot.Tests.Shipping;

/// <summary>
/// Runs the Dockerfile's own publish command here, once for the class (it reuses this checkout's restore), and starts
/// the result the way the image's ENTRYPOINT and HEALTHCHECK do. A Release publish takes a minute or more on a shared
/// machine, so these run only with COMFYBOT_PUBLISH_TEST=1 (e.g. before changing the Dockerfile or a project reference).
/// </summary>
[Trait("Category", "Publish")]
public sealed class DockerPublishTests(DockerPublishTests.Published published) : IClassFixture<DockerPublishTests.Published>
{
    [PublishFact]
    public void Publish_Succeeds_WithTheEntryAssembly()
    {
        Assert.True(published.Exit == 0, published.Log);
        Assert.True(File.Exists(Path.Combine(published.Folder, "ComfyBot.dll")), published.Log);
        Assert.True(Directory.Exists(Path.Combine(published.Folder, "runtimes")) || File.Exists(Path.Combine(published.Folder, "libe_sqlite3.so")), "SQLite's native library is published");
    }

    [PublishFact]
    public async Task PublishedApp_StartsLikeTheEntrypoint()
    {
        var (exit, output) = await DotnetAsync(published.Folder, Path.Combine(published.Folder, "ComfyBot.dll"), "help");

        Assert.Equal(0, exit);
        Assert.Contains("comfybot register-commands", output, StringComparison.Ordinal);
    }

    [PublishFact]
    public async Task PublishedApp_HealthCheck_FailsWhenNothingAnswers()
    {
        var (exit, output) = await DotnetAsync(published.Folder, Path.Combine(published.Folder, "ComfyBot.dll"), "health", "--url", "http://127.0.0.1:9/healthz");

        Assert.Equal(1, exit);
        Assert.Contains("could not reach http://127.0.0.1:9/healthz", output, StringComparison.Ordinal);
    }

    internal static bool Enabled => Environment.GetEnvironmentVariable("COMFYBOT_PUBLISH_TEST") == "1";

    internal static async Task<(int Exit, string Output)> DotnetAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild variables would point a nested build at the wrong SDK pieces.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var output = process.StandardOutput.ReadToEndAsync(hangGuard.Token);
        var errors = process.StandardError.ReadToEndAsync(hangGuard.Token);
        await process.WaitForExitAsync(hangGuard.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The Dockerfile's publish, run once into a temporary folder with -o pointed there.</summary>
    public sealed class Published : IAsyncLifetime
    {
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "comfybot-publish-" + Guid.NewGuid().ToString("N"));

        public int Exit { get; private set; } = -1;

        public string Log { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            if (!Enabled)
            {
                return;
            }

            var args = DockerfileTests.PublishArguments().ToList();
            var output = args.IndexOf("-o");
            Assert.True(output >= 0, "the publish command names its output folder with -o");
            Assert.Contains("--no-restore", args);
            args[output + 1] = Folder;
            (Exit, Log) = await DotnetAsync(DockerfileTests.Root, ["publish", .. args]);
        }

        public Task DisposeAsync()
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }

            return Task.CompletedTask;
        }
    }
}
