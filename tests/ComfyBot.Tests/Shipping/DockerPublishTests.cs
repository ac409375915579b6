using System.Diagnostics;
using Xunit.Abstractions;

namespace ComfyBot.Tests.Shipping;

/// <summary>
/// Runs the Dockerfile's own publish command here, once for the class (it reuses this checkout's restore), and starts
/// the result the way the image's ENTRYPOINT and HEALTHCHECK do. A Release publish takes a minute or more on a shared
/// machine; they run in every full test run (CI has no Docker engine, so this is what proves the image's publish step)
/// and COMFYBOT_SKIP_PUBLISH_TEST=1 skips them for a quick local run.
/// </summary>
[Trait("Category", "Publish")]
public sealed class DockerPublishTests(DockerPublishTests.Published published, ITestOutputHelper output) : IClassFixture<DockerPublishTests.Published>
{
    [PublishFact]
    public void Publish_Succeeds_WithTheEntryAssembly()
    {
        Assert.True(published.Exit == 0, published.Log);
        Assert.True(File.Exists(Path.Combine(published.Folder, "ComfyBot.dll")), published.Log);
        Assert.True(Directory.Exists(Path.Combine(published.Folder, "runtimes")) || File.Exists(Path.Combine(published.Folder, "libe_sqlite3.so")), "SQLite's native library is published");
    }

    [PublishFact]
    public void Publish_IsForLinuxX64_WithoutTheStandIns()
    {
        Assert.True(published.Exit == 0, published.Log);
        var files = Directory.EnumerateFiles(published.Folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(published.Folder, f)).ToList();

        Assert.DoesNotContain(files, f => f.StartsWith("runtimes", StringComparison.Ordinal) && !f.Contains("linux-x64", StringComparison.Ordinal));
        Assert.DoesNotContain("ComfyBot.Simulator.dll", files);
        Assert.DoesNotContain("ComfyBot.FakeDiscord.dll", files);
        Assert.DoesNotContain(files, f => f.StartsWith("JsonSchema", StringComparison.Ordinal));
        var megabytes = files.Sum(f => new FileInfo(Path.Combine(published.Folder, f)).Length) / 1024.0 / 1024.0;
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"published: {files.Count} files, {megabytes:F1} MB"));
    }

    [PublishFact]
    public async Task PublishedApp_Demo_SaysTheStandInsAreLeftOut()
    {
        var (exit, text) = await DotnetAsync(published.Folder, Path.Combine(published.Folder, "ComfyBot.dll"), "demo");

        Assert.Equal(2, exit);
        Assert.Contains("this build leaves out the stand-ins the demo runs on", text, StringComparison.Ordinal);
    }

    [PublishFact]
    public async Task PublishedApp_StartsLikeTheEntrypoint()
    {
        var (exit, output) = await DotnetAsync(published.Folder, Path.Combine(published.Folder, "ComfyBot.dll"), "help");

        Assert.Equal(0, exit);
        Assert.Contains("  register-commands", output, StringComparison.Ordinal);
    }

    [PublishFact]
    public async Task PublishedApp_HealthCheck_FailsWhenNothingAnswers()
    {
        var (exit, output) = await DotnetAsync(published.Folder, Path.Combine(published.Folder, "ComfyBot.dll"), "health", "--url", "http://127.0.0.1:9/healthz");

        Assert.Equal(1, exit);
        Assert.Contains("could not reach http://127.0.0.1:9/healthz", output, StringComparison.Ordinal);
    }

    internal static bool Enabled => Environment.GetEnvironmentVariable("COMFYBOT_SKIP_PUBLISH_TEST") != "1";

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

    /// <summary>
    /// The Dockerfile's build stage, played here once: its COPY instructions fill a fresh context folder (what
    /// .dockerignore leaves out stays out), then its RUN commands run there in order, with the publish's -o pointed at
    /// a temporary folder. A folder of its own keeps the RID-specific restore away from this checkout's obj folders.
    /// </summary>
    public sealed class Published : IAsyncLifetime
    {
        private readonly string _context = Path.Combine(Path.GetTempPath(), "comfybot-context-" + Guid.NewGuid().ToString("N"));

        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "comfybot-publish-" + Guid.NewGuid().ToString("N"));

        public int Exit { get; private set; } = -1;

        public string Log { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            if (!Enabled)
            {
                return;
            }

            var build = DockerfileTests.Instructions.Where(i => i.Stage == 0).ToList();
            var publish = Assert.Single(build, i => i.Keyword == "RUN" && i.Text.StartsWith("dotnet publish", StringComparison.Ordinal));
            Assert.Contains("--no-restore", publish.Arguments);
            Assert.Contains("-o", publish.Arguments);
            foreach (var step in build)
            {
                if (step.Keyword == "COPY")
                {
                    Copy(step.Arguments);
                }
                else if (step.Keyword == "RUN")
                {
                    var args = step.Arguments.Skip(1).ToList();
                    var output = args.IndexOf("-o");
                    if (output >= 0)
                    {
                        args[output + 1] = Folder;
                    }

                    var (exit, log) = await DotnetAsync(_context, [.. args]);
                    (Exit, Log) = (exit, Log + $"$ {step.Text}{Environment.NewLine}{log}");
                    if (exit != 0)
                    {
                        return;
                    }
                }
            }
        }

        public Task DisposeAsync()
        {
            foreach (var folder in new[] { Folder, _context }.Where(Directory.Exists))
            {
                Directory.Delete(folder, recursive: true);
            }

            return Task.CompletedTask;
        }

        /// <summary>COPY source... destination, relative to the repository (the context) and the build's WORKDIR.</summary>
        private void Copy(IReadOnlyList<string> arguments)
        {
            var destination = arguments[^1];
            foreach (var source in arguments.SkipLast(1))
            {
                var from = Path.Combine(DockerfileTests.Root, source);
                if (File.Exists(from))
                {
                    var target = destination.EndsWith('/') ? Path.Combine(_context, destination, Path.GetFileName(source)) : Path.Combine(_context, destination);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(from, target, overwrite: true);
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(DockerfileTests.Root, file).Replace('\\', '/');
                    if (DockerfileTests.Ignore.Excludes(relative))
                    {
                        continue;
                    }

                    var target = Path.Combine(_context, destination, Path.GetRelativePath(from, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target, overwrite: true);
                }
            }
        }
    }
}
