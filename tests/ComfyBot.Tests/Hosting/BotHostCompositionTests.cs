using ComfyBot.Hosting;
using ComfyBot.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ComfyBot.Tests.Hosting;

/// <summary>What <see cref="BotHost.Build"/> composes from ComfyBot:Http and ComfyBot:Logging (nothing is started).</summary>
public sealed class BotHostCompositionTests
{
    private const string Token = "MTMwMDAw.secret-part.do-not-print-me-ever-1234";

    [Fact]
    public void Build_GatewayModeWithoutHttpUrls_HasNoWebHost()
    {
        using var host = BotHost.Build(Configuration(new()));

        Assert.IsNotType<WebApplication>(host);
    }

    [Fact]
    public async Task Build_GatewayModeWithHttpUrls_IsAWebHost()
    {
        var host = BotHost.Build(Configuration(new() { ["ComfyBot:Http:ListenUrls"] = "http://127.0.0.1:0" }));
        await using var web = Assert.IsType<WebApplication>(host);
    }

    [Fact]
    public void Build_JsonFormat_WritesTheConsoleAsJsonWithScopesBehindTheScrubber()
    {
        using var host = BotHost.Build(Configuration(new() { ["ComfyBot:Logging:Format"] = "Json" }));

        var console = host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = host.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
        Assert.True(json.IncludeScopes);
        var provider = Assert.Single(host.Services.GetServices<ILoggerProvider>());
        Assert.IsType<ScrubbingLoggerProvider>(provider);
    }

    [Fact]
    public void Build_DefaultFormat_IsSimpleSingleLineWithScopes()
    {
        using var host = BotHost.Build(Configuration(new()));

        var console = host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var simple = host.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Simple, console.FormatterName);
        Assert.True(simple.SingleLine);
        Assert.True(simple.IncludeScopes);
        Assert.True(simple.UseUtcTimestamp);
        Assert.Equal("2026-12-07T04:05:06.789Z ", new DateTimeOffset(2026, 12, 7, 4, 5, 6, 789, TimeSpan.Zero).ToString(simple.TimestampFormat, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Build_BadHttpAndLoggingKeys_ListsEachWithoutTheToken()
    {
        var error = Assert.Throws<BotConfigurationException>(() => BotHost.Build(Configuration(new()
        {
            ["ComfyBot:Http:ListenUrls"] = "port 8080",
            ["ComfyBot:Logging:MinimumLevel"] = "None",
        })));

        Assert.Contains("ComfyBot:Http:ListenUrls has 'port 8080'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ComfyBot:Logging:MinimumLevel", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["ComfyBot:Discord:Token"] = Token,
            ["ComfyBot:Discord:ApplicationId"] = "42",
            ["ComfyBot:Backends:0:Name"] = "gpu-1",
            ["ComfyBot:Backends:0:Url"] = "http://127.0.0.1:8188/",
        };
        foreach (var (key, value) in extra)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
