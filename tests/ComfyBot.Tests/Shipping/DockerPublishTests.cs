using System.Diagnostics;
using Xunit.Abstractions;

namespace ComfyBot.Tests.Shipping;

/// <summary>
/// Runs the Dockerfile's own restore and publish commands here, once for the class, and starts the result the way the
/// image's ENTRYPOINT and HEALTHCHECK do. A Release publish takes a minute or more on a shared machine; they run in
/// every full test run (CI has no Docker engine, so this is what proves the image's publish step) and
/// COMFYBOT_SKIP_PUBLISH_TEST=1 skips them for a quick local run. The image is a Native AOT publish, which takes
/// several minutes more and a C toolchain: by default the same commands run with <c>-p:PublishAot=false</c> (the same
/// projects, restore and options, compiled for the JIT, with the same <c>ComfyBot</c> executable to start), and
/// COMFYBOT_PUBLISH_AOT=1 plays them exactly as written. The Dockerfile's other RUN steps (the toolchain's apt-get,
/// the runtime stage's folders) are not played.
/// </summary>
[Trait("Category", "Publish")]
public sealed class DockerPublishTests(DockerPublishTests.Published published, ITestOutputHelper output) : IClassFixture<DockerPublishTests.Published>
{
    [PublishFact]
    public void Publish_Succeeds_WithTheEntryAssembly()
    {
        Assert.True(published.Exit == 0, published.Log);
        Assert.True(File.Exists(Path.Combine(published.Folder, "ComfyBot")), published.Log);
        if (Aot)
        {
            // One executable: nothing for a runtime to load, which the runtime-deps image does not have.
            Assert.False(File.Exists(Path.Combine(published.Folder, "ComfyBot.dll")), "a Native AOT publish has no ComfyBot.dll");
        }

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
        var (exit, text) = await EntrypointAsync(published.Folder, "demo");

        Assert.Equal(2, exit);
        Assert.Contains("this build leaves out the stand-ins the demo runs on", text, StringComparison.Ordinal);
    }

    [PublishFact]
    public async Task PublishedApp_StartsLikeTheEntrypoint()
    {
        var (exit, output) = await EntrypointAsync(published.Folder, "help");

        Assert.Equal(0, exit);
        Assert.Contains("  register-commands", output, StringComparison.Ordinal);
    }

    [PublishFact]
    public async Task PublishedApp_HealthCheck_FailsWhenNothingAnswers()
    {
        var (exit, output) = await EntrypointAsync(published.Folder, "health", "--url", "http://127.0.0.1:9/healthz");

        Assert.Equal(1, exit);
        Assert.Contains("could not reach http://127.0.0.1:9/healthz", output, StringComparison.Ordinal);
    }

    internal static bool Enabled => Environment.GetEnvironmentVariable("COMFYBOT_SKIP_PUBLISH_TEST") != "1";

    /// <summary>Whether the Dockerfile's publish runs as written (Native AOT) rather than with <c>-p:PublishAot=false</c>.</summary>
    internal static bool Aot => Environment.GetEnvironmentVariable("COMFYBOT_PUBLISH_AOT") == "1";

    internal static Task<(int Exit, string Output)> DotnetAsync(string workingDirectory, params string[] args) =>
        RunAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", workingDirectory, args);

    /// <summary>The image's ENTRYPOINT, /app/ComfyBot, with <paramref name="args"/>.</summary>
    private static Task<(int Exit, string Output)> EntrypointAsync(string folder, params string[] args) =>
        RunAsync(Path.Combine(folder, "ComfyBot"), folder, args);

    private static async Task<(int Exit, string Output)> RunAsync(string program, string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo(program)
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

        // The JIT build's ComfyBot is an app host: it finds the runtime beside the dotnet running these tests.
        if (!Aot && Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } host)
        {
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(host);
        }

        using var process = Process.Start(start)!;

        // Only a hang guard, never a speed check: a JIT publish took over 5 minutes on this 2-core machine next to
        // other builds, and a Native AOT publish compiles the whole program to machine code, which takes far longer.
        using var hangGuard = new CancellationTokenSource(Aot ? TimeSpan.FromMinutes(40) : TimeSpan.FromMinutes(20));
        var output = process.StandardOutput.ReadToEndAsync(hangGuard.Token);
        var errors = process.StandardError.ReadToEndAsync(hangGuard.Token);
        try
        {
            await process.WaitForExitAsync(hangGuard.Token);
        }
        catch (OperationCanceledException)
        {
            // Not left running (and compiling) after the test gave up on it.
            process.Kill(entireProcessTree: true);
            throw;
        }

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
                else if (step.Keyword == "RUN" && step.Text.StartsWith("dotnet ", StringComparison.Ordinal))
                {
                    var args = step.Arguments.Skip(1).Select(a => Aot || a != "-p:PublishAot=true" ? a : "-p:PublishAot=false").ToList();
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
