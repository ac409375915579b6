using ComfyBot.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;

namespace ComfyBot.Tests.Cli;

public sealed class HealthCommandTests
{
    [Theory]
    [InlineData(200, 0)]
    [InlineData(503, 1)]
    public async Task Health_PrintsTheBody_AndExitsZeroOnlyOn200(int status, int expected)
    {
        await using var app = await StartAsync(status, """{"status":"x"}""");

        var run = await CliRun.ExecuteAsync("health", "--url", new Uri(new Uri(app.Urls.First()), "/healthz").ToString());

        Assert.Equal(expected, (int)run.Code);
        Assert.Contains("""{"status":"x"}""", run.Output, StringComparison.Ordinal);
        Assert.Equal(status == 200, run.Errors.Length == 0);
    }

    [Fact]
    public async Task Health_WhenNothingListens_IsUnhealthyAndSaysWhy()
    {
        // Bind and release a port so that nothing listens there.
        string url;
        await using (var app = await StartAsync(200, "{}"))
        {
            url = new Uri(new Uri(app.Urls.First()), "/healthz").ToString();
        }

        var run = await CliRun.ExecuteAsync("health", "--url", url);

        Assert.Equal(ExitCode.Unhealthy, run.Code);
        Assert.Contains("could not reach", run.Errors, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartAsync(int status, string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Content(body, "application/json", null, status));
        await app.StartAsync();
        return app;
    }
}
