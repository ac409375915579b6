using ComfyBot.Cli;
using ComfyBot.Hosting;

namespace ComfyBot.Tests.Cli;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_WithUnusableConfiguration_ExitsWithSevenAndListsTheProblems()
    {
        var file = Path.Combine(Path.GetTempPath(), "comfybot-run-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, """{ "ComfyBot": { "Discord": { "Token": "abc def" } } }""");
        try
        {
            var run = await CliRun.ExecuteAsync("run", "--config", file);

            Assert.Equal(ExitCode.InvalidConfiguration, run.Code);
            Assert.Contains("ComfyBot:Discord:Token has a \"Bot \" prefix or whitespace", run.Errors, StringComparison.Ordinal);
            Assert.Contains("ComfyBot:Backends is empty", run.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("abc def", run.Errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Run_WithMissingConfigFile_IsAUsageError()
    {
        var run = await CliRun.ExecuteAsync("run", "--config", "/no/such/appsettings.json");

        Assert.Equal(ExitCode.Usage, run.Code);
        Assert.Contains("--config '/no/such/appsettings.json' does not exist", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutConfigAndNoAppsettingsHere_NamesThePathItLookedAt()
    {
        // The tests run in their output folder, which holds no appsettings.json.
        Assert.False(File.Exists("appsettings.json"), "this test needs a working directory without appsettings.json");

        var run = await CliRun.ExecuteAsync("run");

        Assert.Equal(ExitCode.InvalidConfiguration, run.Code);
        Assert.Contains($"No settings file: looked for {Path.GetFullPath("appsettings.json")} (no --config given)", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithAMisspelledKey_RefusesToStart_NamingTheKey()
    {
        var file = Path.Combine(Path.GetTempPath(), "comfybot-run-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, """
            { "ComfyBot": { "Discord": { "Token": "a.b.c" },
              "Backends": [ { "Name": "gpu-1", "Url": "http://127.0.0.1:8188/" } ],
              "Policy": { "AdminRolesIds": [ 456789012345678901 ] } } }
            """);
        try
        {
            var run = await CliRun.ExecuteAsync("run", "--config", file);

            Assert.Equal(ExitCode.InvalidConfiguration, run.Code);
            Assert.Contains("ComfyBot:Policy:AdminRolesIds is not a setting; did you mean ComfyBot:Policy:AdminRoleIds?", run.Errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Run_WithItsHttpPortTaken_ExitsWithSeven_BeforeStartingAnything()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var file = Path.Combine(Path.GetTempPath(), "comfybot-run-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, $$"""
            { "ComfyBot": { "Discord": { "Token": "a.b.c", "ApiBaseUrl": "http://127.0.0.1:9/api/v10/" },
              "Http": { "ListenUrls": "http://127.0.0.1:{{port}}" },
              "Backends": [ { "Name": "gpu-1", "Url": "http://127.0.0.1:9/" } ] } }
            """);
        try
        {
            var run = await CliRun.ExecuteAsync("run", "--config", file);

            Assert.Equal(ExitCode.InvalidConfiguration, run.Code);
            Assert.Contains($"ComfyBot:Http:ListenUrls has 'http://127.0.0.1:{port}', but port {port} on 127.0.0.1 cannot be used: another program is listening there", run.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("is running", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Run_OnAStoreAnotherBotHolds_PrintsOnlyTheClearMessage_AndExitsWithSeven()
    {
        var folder = Path.Combine(Path.GetTempPath(), "comfybot-run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = Path.Combine(folder, "jobs.db");
        var file = Path.Combine(folder, "appsettings.json");
        await File.WriteAllTextAsync(file, $$"""
            { "ComfyBot": { "Discord": { "Token": "a.b.c", "ApiBaseUrl": "http://127.0.0.1:9/api/v10/" },
              "Store": { "Path": "{{store.Replace("\\", "\\\\", StringComparison.Ordinal)}}" },
              "Backends": [ { "Name": "gpu-1", "Url": "http://127.0.0.1:9/" } ] } }
            """);

        // The console logger writes to the process's console, which the operator reads beside the verb's own output.
        var console = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        try
        {
            using var held = StoreLock.Take(store);
            Console.SetOut(console);
            Console.SetError(console);
            var run = await CliRun.ExecuteAsync("run", "--config", file);

            Assert.Equal(ExitCode.InvalidConfiguration, run.Code);
            Assert.Contains($"Another ComfyBot is running on the job store {store}", run.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("Hosting failed to start", console.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("BotConfigurationException", console.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Directory.Delete(folder, recursive: true);
        }
    }
}
