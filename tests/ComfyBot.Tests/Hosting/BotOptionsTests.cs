using ComfyBot.Core.Running;
using ComfyBot.Hosting;
using ComfyBot.Testing;
using Microsoft.Extensions.Configuration;

namespace ComfyBot.Tests.Hosting;

/// <summary>Binding section ComfyBot and the start-up check of the whole configuration.</summary>
public sealed class BotOptionsTests
{
    private const string Token = "MTMwMDAw.secret-part.do-not-print-me";

    [Fact]
    public void ReadOptions_BindsEveryPart_IncludingBackendHeadersAndTemplateBounds()
    {
        var options = BotHost.ReadOptions(Configuration(new()
        {
            ["ComfyBot:ScopeBy"] = "User",
            ["ComfyBot:Discord:Mode"] = "Http",
            ["ComfyBot:Discord:GuildIds:0"] = "42",
            ["ComfyBot:Backends:0:Headers:Authorization"] = "Bearer x",
            ["ComfyBot:Backends:0:Weight"] = "2.5",
            ["ComfyBot:Templates:0:Name"] = "sd15",
            ["ComfyBot:Templates:0:File"] = "templates/sd15-txt2img.json",
            ["ComfyBot:Templates:0:Bounds:steps:Min"] = "1",
            ["ComfyBot:Templates:0:Bounds:steps:Max"] = "40",
            ["ComfyBot:Templates:0:UpscaleWith"] = "sd15",
            ["ComfyBot:Policy:AdminRoleIds:0"] = "7",
            ["ComfyBot:Store:Path"] = "data/bot.db",
            ["ComfyBot:Jobs:Reply:Interval"] = "00:00:02",
        }));

        Assert.Equal(ScopeKeyKind.User, options.EffectiveJobs().ScopeBy);
        Assert.Equal(DiscordMode.Http, options.Discord.Mode);
        Assert.Equal([42UL], options.Discord.GuildIds);
        var backend = Assert.Single(options.Backends);
        Assert.Equal("Bearer x", backend.Headers["authorization"]);
        Assert.Equal(2.5, backend.Weight);
        Assert.Equal(40, options.Templates[0].Bounds["STEPS"].Max);
        Assert.Equal([7UL], options.Policy.AdminRoleIds);
        Assert.Equal("data/bot.db", options.Store.Path);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Jobs.Reply.Interval);
    }

    [Fact]
    public void Build_WithBadConfiguration_ListsEveryProblemWithItsKey_AndNeverTheToken()
    {
        var configuration = Configuration(new()
        {
            ["ComfyBot:Instance"] = "my bot",
            ["ComfyBot:Discord:Token"] = "Bot " + Token,
            ["ComfyBot:Discord:Mode"] = "Http",
            ["ComfyBot:Backends:0:Name"] = "gpu 1",
            ["ComfyBot:Backends:0:Url"] = "ftp://host/",
            ["ComfyBot:Templates:0:Name"] = "a",
            ["ComfyBot:Templates:0:File"] = "a.json",
            ["ComfyBot:Templates:0:VaryWith"] = "nope",
            ["ComfyBot:Policy:MaxQueuedPerMember"] = "0",
            ["ComfyBot:Store:Path"] = ":memory:",
        });

        var error = Assert.Throws<BotConfigurationException>(() => BotHost.Build(configuration));

        Assert.Contains(error.Problems, p => p.StartsWith("ComfyBot:Instance is 'my bot'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("ComfyBot:Discord:Token has a \"Bot \" prefix", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("ComfyBot:Discord:PublicKey", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("ComfyBot:Backends:gpu 1:Url", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("ComfyBot:Templates:0:VaryWith is 'nope'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("MaxQueuedPerMember", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("ComfyBot:Store:Path is ':memory:'", StringComparison.Ordinal));
        Assert.DoesNotContain("secret-part", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithoutTokenOrBackends_SaysWhereToSetThem()
    {
        var error = Assert.Throws<BotConfigurationException>(() => BotHost.Build(Configuration(new())));

        Assert.Contains(error.Problems, p => p.Contains("ComfyBot__Discord__Token", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("ComfyBot:Backends is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_WithBadDiscordLibraryValues_ListsThemWithTheirFullKeys_BeforeAnythingStarts()
    {
        // The gateway's and the REST client's own settings were checked only by ValidateOnStart, inside the host's start,
        // which ended run with an OptionsValidationException and its stack trace instead of the list and exit 7.
        var configuration = Configuration(new()
        {
            ["ComfyBot:Discord:Token"] = Token,
            ["ComfyBot:Discord:ShardCount"] = "0",
            ["ComfyBot:Discord:LargeThreshold"] = "10",
            ["ComfyBot:Discord:Rest:MaxRateLimitRetries"] = "99",
            ["ComfyBot:Backends:0:Name"] = "gpu-1",
            ["ComfyBot:Backends:0:Url"] = "http://127.0.0.1:9/",
        });

        var error = Assert.Throws<BotConfigurationException>(() => BotHost.Build(configuration));

        Assert.Contains("ComfyBot:Discord:ShardCount is 0; set it to 1 or more, or leave it empty for auto.", error.Problems);
        Assert.Contains("ComfyBot:Discord:LargeThreshold is 10; Discord accepts 50 to 250.", error.Problems);
        Assert.Contains("ComfyBot:Discord:Rest:MaxRateLimitRetries is 99: use 0 to 20.", error.Problems);
        Assert.Equal(3, error.Problems.Count);
    }

    [Fact]
    public void Build_WithBadReplySettings_ListsBothUnderTheirOwnKeys()
    {
        // The reply settings threw at their first problem and named a key that does not exist (ComfyBot:Discord:Reply).
        var configuration = Configuration(new()
        {
            ["ComfyBot:Discord:Token"] = Token,
            ["ComfyBot:Reply:MoveBeforeExpiry"] = "00:00:01",
            ["ComfyBot:Reply:WebBase"] = "discord.com/channels",
            ["ComfyBot:Backends:0:Name"] = "gpu-1",
            ["ComfyBot:Backends:0:Url"] = "http://127.0.0.1:9/",
        });

        var error = Assert.Throws<BotConfigurationException>(() => BotHost.Build(configuration));

        Assert.Equal(2, error.Problems.Count);
        Assert.StartsWith("ComfyBot:Reply:MoveBeforeExpiry is 00:00:01; it must be between 00:00:05 and 00:10:00", error.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("ComfyBot:Reply:WebBase is 'discord.com/channels'; it must be an absolute URL", error.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithSeveralProblemsInOneBackend_ListsEachOnItsOwn()
    {
        // A backend's problems came back as one exception, joined into a single item of the list.
        var configuration = Configuration(new()
        {
            ["ComfyBot:Discord:Token"] = Token,
            ["ComfyBot:Backends:0:Name"] = "gpu-1",
            ["ComfyBot:Backends:0:Url"] = "http://127.0.0.1:9/",
            ["ComfyBot:Backends:0:MaxInFlight"] = "0",
            ["ComfyBot:Backends:0:Weight"] = "0",
            ["ComfyBot:BackendMonitor:PollInterval"] = "00:00:00",
        });

        var error = Assert.Throws<BotConfigurationException>(() => BotHost.Build(configuration));

        Assert.Contains("ComfyBot:Backends:gpu-1:MaxInFlight is 0; set it between 1 and 64 (default 2).", error.Problems);
        Assert.Contains("ComfyBot:Backends:gpu-1:Weight is 0; set a number above 0 and at most 1000 (default 1).", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("ComfyBot:BackendMonitor:PollInterval is 00:00:00; set it between", StringComparison.Ordinal));
        Assert.Equal(3, error.Problems.Count);
    }

    [Fact]
    public async Task Start_WithMissingTemplateFile_FailsNamingTheKeyAndPath()
    {
        var configuration = Configuration(new()
        {
            ["ComfyBot:Discord:Token"] = Token,
            ["ComfyBot:Backends:0:Name"] = "gpu-1",
            ["ComfyBot:Backends:0:Url"] = "http://127.0.0.1:9/",
            ["ComfyBot:Templates:0:Name"] = "sd15",
            ["ComfyBot:Templates:0:File"] = "no/such/file.json",
        });

        var error = await Assert.ThrowsAsync<BotConfigurationException>(() => TemplateLoader.LoadAsync(BotHost.ReadOptions(configuration).Templates, default));

        Assert.Contains("ComfyBot:Templates:0:File is 'no/such/file.json', but there is no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExampleSettings_WithATokenSet_AreValid()
    {
        var example = Path.Combine(RepositoryFixtures.RootDirectory, "appsettings.example.json");
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(example)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ComfyBot:Discord:Token"] = Token })
            .Build();

        var options = BotHost.ReadOptions(configuration);

        Assert.Empty(BotOptionsValidator.Problems(options));
        Assert.Equal(["sd15", "sdxl", "img2img", "upscale"], options.Templates.Select(t => t.Name));
        Assert.Equal("upscale", options.Templates[0].UpscaleWith);
        Assert.Equal(2, options.Backends.Count);
        Assert.Equal("Bearer set-it-with-ComfyBot__Backends__1__Headers__Authorization", options.Backends[1].Headers["Authorization"]);
        Assert.Equal(["3.inputs.seed"], options.Templates[1].Bindings["seed"]);
        Assert.Equal(2, options.Policy.Roles[0].Weight);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
