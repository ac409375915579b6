using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Health and metrics on a management URL of their own, away from the public interactions endpoint.</summary>
public sealed class ManagementUrlTests
{
    [Fact]
    public async Task WithManagementUrls_HealthAndMetricsAreServedOnlyThere_AndThePublicPortServesOnlyInteractions()
    {
        var management = new Uri($"http://127.0.0.1:{FreePort()}/");
        var options = new BotBedOptions { HttpMode = true };
        options.Configuration["ComfyBot:Http:ManagementUrls"] = management.ToString().TrimEnd('/');
        await using var bed = await BotBed.StartAsync(options);
        using var http = new HttpClient { Timeout = BotBed.HangGuard };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(management, "/healthz"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(management, "/metrics"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(bed.HttpBase!, "/healthz"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(bed.HttpBase!, "/metrics"))).StatusCode);
        Assert.NotEqual(management.Port, bed.HttpBase!.Port);

        // The public port still takes Discord's signed POSTs; the management port takes none.
        var refused = bed.Imagine("sent to the management port");
        using var wrongPort = await BotBed.Signer.PostAsync(http, new Uri(management, bed.InteractionsEndpoint!.AbsolutePath), refused.Payload.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, wrongPort.StatusCode);
        var interaction = bed.Imagine("public endpoint");
        using var accepted = await bed.PostAsync(interaction);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await bed.WaitForDoneAsync(interaction);
    }

    [Fact]
    public async Task Healthz_OfABackendThatIsDown_DoesNotShowItsAddress()
    {
        var port = FreePort();
        var options = new BotBedOptions { Backends = 2 };
        options.Configuration["ComfyBot:Http:ListenUrls"] = "http://127.0.0.1:0";
        options.Configuration["ComfyBot:Backends:1:Url"] = $"http://127.0.0.1:{port}/comfy/";
        await using var bed = await BotBed.StartAsync(options);
        using var http = new HttpClient { Timeout = BotBed.HangGuard };

        var body = await http.GetStringAsync(new Uri(bed.HttpBase!, "/healthz"));

        using var json = JsonDocument.Parse(body);
        var down = json.RootElement.GetProperty("backends").EnumerateArray().Single(b => b.GetProperty("name").GetString() == "gpu-2");
        Assert.False(down.GetProperty("reachable").GetBoolean());
        Assert.False(string.IsNullOrEmpty(down.GetProperty("error").GetString()));
        Assert.DoesNotContain($"127.0.0.1:{port}", body, StringComparison.Ordinal);
        Assert.DoesNotContain($":{port}", body, StringComparison.Ordinal);
        foreach (var simulator in bed.Simulators)
        {
            Assert.DoesNotContain(simulator.BaseAddress.Authority, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ManagementUrls_OnAPortOfTheListenUrls_IsAProblemNamingBothKeys()
    {
        var http = new ComfyBot.Hosting.HttpSettings { ListenUrls = "http://0.0.0.0:8080", ManagementUrls = "http://127.0.0.1:8080" };

        var problem = Assert.Single(http.Validate(ComfyBot.Hosting.DiscordMode.Gateway));

        Assert.Contains("ComfyBot:Http:ManagementUrls", problem, StringComparison.Ordinal);
        Assert.Contains("ComfyBot:Http:ListenUrls", problem, StringComparison.Ordinal);
        Assert.Contains("8080", problem, StringComparison.Ordinal);
    }

    /// <summary>A loopback port the OS handed out and that was closed again.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
