using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ComfyBot.Cli;
using ComfyBot.FakeDiscord;
using ComfyBot.Simulator;
using ComfyBot.Testing;

namespace ComfyBot.Tests.Cli;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CheckConfigCommandTests
{
    [Fact]
    public async Task CheckConfig_AllGood_ChecksEachTemplateOnEachBackend_AndTheToken()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gpu1 = await ComfySimulator.StartAsync();
        await using var gpu2 = await ComfySimulator.StartAsync();
        var settings = RegisterCommandsCommandTests.Discord(fake);
        settings["Backends"] = new JsonArray(Backend("gpu-1", gpu1.BaseAddress), Backend("gpu-2", gpu2.BaseAddress));
        settings["Templates"] = new JsonArray(Template("txt2img", FixtureWorkflow("txt2img")), Template("img2img", FixtureWorkflow("img2img")));
        using var config = ConfigFile.Write(settings);

        var run = await CliRun.ExecuteAsync("check-config", "--config", config.Path);

        Assert.True(run.Code == ExitCode.Success, run.Output + run.Errors);
        Assert.Contains("Configuration: ok", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Backend gpu-2 ({gpu2.BaseAddress}): up", run.Output, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(run.Output, ": runs here"));
        Assert.Contains("Discord token: works; the bot is", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.BotToken, run.Output + run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_ListsEveryProblemAtOnce_AndExitsNonZero()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gpu = await ComfySimulator.StartAsync();
        var settings = RegisterCommandsCommandTests.Discord(fake);
        settings["Discord"]!["Token"] = "not.the.token";
        settings["Backends"] = new JsonArray(Backend("gpu-1", gpu.BaseAddress), Backend("gpu-off", new Uri("http://127.0.0.1:9/")));

        // The shipped SD1.5 template names v1-5-pruned-emaonly, which the simulator does not have.
        var shipped = Path.Combine(RepositoryFixtures.RootDirectory, "templates", "sd15-txt2img.json");
        settings["Templates"] = new JsonArray(Template("sd15", shipped), Template("missing", "/no/such/workflow.json"));
        settings["Policy"] = new JsonObject { ["MaxQueuedPerMember"] = -1 };
        using var config = ConfigFile.Write(settings);

        var run = await CliRun.ExecuteAsync("check-config", "--config", config.Path);

        Assert.Equal(ExitCode.InvalidConfiguration, run.Code);
        Assert.Contains("ComfyBot:Policy", run.Output, StringComparison.Ordinal);
        Assert.Contains("ComfyBot:Templates:1:File is '/no/such/workflow.json', but there is no such file", run.Output, StringComparison.Ordinal);
        Assert.Contains("Backend gpu-off (http://127.0.0.1:9/): 1 problem(s)", run.Output, StringComparison.Ordinal);
        Assert.Contains("the token is wrong", run.Output, StringComparison.Ordinal);
        Assert.Contains("problem(s); fix them", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("not.the.token", run.Output + run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_ATemplateNoBackendCanRun_IsAProblem_NamingWhatIsMissing()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gpu = await ComfySimulator.StartAsync();
        var settings = RegisterCommandsCommandTests.Discord(fake);
        settings["Backends"] = new JsonArray(Backend("gpu-1", gpu.BaseAddress));
        var shipped = Path.Combine(RepositoryFixtures.RootDirectory, "templates", "sd15-txt2img.json");
        settings["Templates"] = new JsonArray(Template("sd15", shipped));
        using var config = ConfigFile.Write(settings);

        var run = await CliRun.ExecuteAsync("check-config", "--config", config.Path);

        Assert.Equal(ExitCode.InvalidConfiguration, run.Code);
        Assert.Contains("sd15: cannot run here", run.Output, StringComparison.Ordinal);
        Assert.Contains("v1-5-pruned-emaonly", run.Output, StringComparison.Ordinal);
        Assert.Contains("Template sd15: 1 problem(s)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_EveryBadBinding_IsListedWithItsKey_AndTheTemplateIsStillCheckedOnTheBackend()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var simulator = await ComfySimulator.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"wf-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, CheckWorkflowBindingsTests.Workflow);
        var settings = RegisterCommandsCommandTests.Discord(fake);
        settings["Backends"] = new JsonArray(new JsonObject { ["Name"] = "gpu-1", ["Url"] = simulator.BaseAddress.ToString(), ["MaxInFlight"] = 1 });
        settings["Templates"] = new JsonArray(new JsonObject
        {
            ["Name"] = "cats",
            ["File"] = path,
            ["Bindings"] = new JsonObject { ["prompt"] = new JsonArray("30.inputs.string_a"), ["seed"] = new JsonArray("99.inputs.seed"), ["steps"] = new JsonArray("3.inputs.stepz") },
        });
        using var config = ConfigFile.Write(settings);
        try
        {
            var run = await CliRun.ExecuteAsync("check-config", "--config", config.Path);

            Assert.True(run.Code == ExitCode.InvalidConfiguration, run.Output + run.Errors);
            Assert.Contains($"ComfyBot:Templates:0:Bindings ('{path}'): Template 'cats': binding path '99.inputs.seed' for 'seed' names node '99'", run.Output, StringComparison.Ordinal);
            Assert.Contains($"ComfyBot:Templates:0:Bindings ('{path}'): Template 'cats': binding path '3.inputs.stepz' for 'steps' names input 'stepz'", run.Output, StringComparison.Ordinal);
            Assert.Contains("node 21 (LoadImageMask) input 'image': the file 'mask_b.png' is not in the server's input folder", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task CheckConfig_BackendThatEchoesItsAuthorizationHeader_NeverPrintsIt()
    {
        const string Secret = "Bearer gpu-box-secret-0123456789";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var echo = builder.Build();
        // A misconfigured proxy that quotes the request it refuses.
        echo.MapGet("/object_info", (HttpRequest request) => Results.Content($"forbidden: Authorization={request.Headers.Authorization}", "text/plain", null, 403));
        await echo.StartAsync();
        await using var fake = await FakeDiscordServer.StartAsync();
        var settings = RegisterCommandsCommandTests.Discord(fake);
        var backend = Backend("gpu-1", new Uri(echo.Urls.First() + "/"));
        backend["Headers"] = new JsonObject { ["Authorization"] = Secret };
        settings["Backends"] = new JsonArray(backend);
        using var config = ConfigFile.Write(settings);

        var run = await CliRun.ExecuteAsync("check-config", "--config", config.Path);

        Assert.Equal(ExitCode.InvalidConfiguration, run.Code);
        Assert.Contains("forbidden: Authorization=[redacted]", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("gpu-box-secret", run.Output + run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentVariables_OverrideTheFile()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var gpu = await ComfySimulator.StartAsync();
        var settings = RegisterCommandsCommandTests.Discord(fake);
        settings["Discord"]!["Token"] = "stale.token.in.file";
        settings["Backends"] = new JsonArray(Backend("gpu-1", gpu.BaseAddress));
        settings["Templates"] = new JsonArray(Template("txt2img", FixtureWorkflow("txt2img")));
        using var config = ConfigFile.Write(settings);

        var before = await CliRun.ExecuteAsync("check-config", "--config", config.Path);
        Environment.SetEnvironmentVariable("ComfyBot__Discord__Token", fake.BotToken);
        CliRun after;
        try
        {
            after = await CliRun.ExecuteAsync("check-config", "--config", config.Path);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ComfyBot__Discord__Token", null);
        }

        Assert.Contains("the token is wrong", before.Output, StringComparison.Ordinal);
        Assert.True(after.Code == ExitCode.Success, after.Output + after.Errors);
        Assert.Contains("Discord token: works", after.Output, StringComparison.Ordinal);
    }

    private static JsonObject Backend(string name, Uri url) => new() { ["Name"] = name, ["Url"] = url.ToString(), ["MaxInFlight"] = 1 };

    private static JsonObject Template(string name, string file) => new() { ["Name"] = name, ["File"] = file };

    private static string FixtureWorkflow(string name) => RepositoryFixtures.FixturePath("comfy", "workflows", name + ".json");

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
