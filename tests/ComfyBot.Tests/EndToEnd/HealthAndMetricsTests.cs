using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Tests.Telemetry;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Issue 5: /healthz and /metrics on the optional HTTP port, scraped over loopback after real jobs.</summary>
public sealed partial class HealthAndMetricsTests
{
    private const string EditOriginal = "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original";

    [Fact]
    public async Task Metrics_AfterAJobInGatewayMode_ShowJobsTimesEditsBackendsAndGateway()
    {
        await using var bed = await BotBed.StartAsync(WithHttpPort(new BotBedOptions { StepsPerSecond = 40 }));

        // Held after a step so that at least one progress edit is sent whatever the machine's load.
        bed.Simulator.HoldSampling(afterSteps: 1);
        var interaction = bed.Imagine("counted", null, SlashCommandOption.WholeNumber("steps", 3), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("step 1/3", StringComparison.Ordinal));
        bed.Simulator.ReleaseSampling();
        var reply = await bed.WaitForDoneAsync(interaction);

        // FakeDiscord holds the final state before the bot's send returns and counts it: wait for the count.
        await WaitForSeriesAsync(bed, "comfybot_reply_edits_total{kind=\"final\"}");
        var metrics = await GetAsync(bed, "/metrics");

        Assert.StartsWith("✅ Done", reply.Current.Content, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, metrics.Status);
        Assert.StartsWith("text/plain", metrics.ContentType, StringComparison.Ordinal);
        var text = metrics.Body;
        Assert.Equal(1, Value(text, "comfybot_jobs_finished_total{state=\"succeeded\"}"));
        Assert.Equal(0, Value(text, "comfybot_jobs{state=\"waiting\"}"));
        Assert.Equal(0, Value(text, "comfybot_jobs{state=\"running\"}"));
        Assert.Equal(1, Value(text, "comfybot_job_queue_wait_seconds_count"));
        Assert.Equal(1, Value(text, "comfybot_job_queue_wait_seconds_bucket{le=\"+Inf\"}"));
        Assert.Equal(1, Value(text, "comfybot_job_generation_seconds_count"));
        Assert.True(Value(text, "comfybot_job_generation_seconds_sum") > 0);
        Assert.Equal(1, Value(text, "comfybot_reply_edits_total{kind=\"final\"}"));
        Assert.Equal(reply.History.Count - 2, Value(text, "comfybot_reply_edits_total{kind=\"progress\"}"));
        Assert.Equal(1, Value(text, "comfybot_backend_up{backend=\"gpu-1\"}"));
        Assert.Equal(1, Value(text, "discord_gateway_connected"));
        Assert.Equal(0, Value(text, "discord_gateway_reconnects_total"));
        Assert.Equal(0, Value(text, "discord_gateway_resumes_total"));
        Assert.Contains("# TYPE comfybot_job_queue_wait_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE comfybot_jobs gauge", text, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.Fake.BotToken, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_UnderScripted429s_CountTheAnswersBesidesThePlannedWaits()
    {
        await using var bed = await BotBed.StartAsync(WithHttpPort(new BotBedOptions
        {
            StepsPerSecond = 20,
            ConfigureDiscord = o => o.RateLimits.MessageWindow = TimeSpan.FromMilliseconds(500),
        }));
        bed.Fake.ScriptRateLimit(EditOriginal, times: 3, retryAfter: TimeSpan.FromMilliseconds(100));
        var interaction = bed.Imagine("limited", null, SlashCommandOption.WholeNumber("steps", 6), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForDoneAsync(interaction);

        var text = (await GetAsync(bed, "/metrics")).Body;

        var answers = Regex.Matches(text, @"^discord_rest_rate_limited_total\{scope=""[a-z]+""\} (\d+)$", RegexOptions.Multiline);
        Assert.Equal(bed.Fake.Counters.ScriptedRateLimited + bed.Fake.Counters.UnplannedRateLimited, answers.Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        Assert.Equal(3, bed.Fake.Counters.ScriptedRateLimited);
        Assert.True(Value(text, "discord_rest_planned_waits_total{limit=\"bucket\"}") >= 1, text);
    }

    [Fact]
    public async Task Metrics_AfterTheGatewayAskedToReconnect_CountOneReconnectAndOneResume()
    {
        await using var bed = await BotBed.StartAsync(WithHttpPort(new BotBedOptions()));

        bed.Fake.Gateway.SendReconnect();
        await bed.Fake.Gateway.WaitForAsync(g => g.ResumeCount == 1).WaitAsync(BotBed.HangGuard);
        var text = (await GetAsync(bed, "/metrics")).Body;

        // The bot counts before it sends RESUME, so FakeDiscord having seen it means the counters are set.
        Assert.Equal(1, Value(text, "discord_gateway_reconnects_total"));
        Assert.Equal(1, Value(text, "discord_gateway_resumes_total"));
    }

    [Fact]
    public async Task Healthz_WithEverythingUp_IsHealthy200WithEachPart()
    {
        await using var bed = await BotBed.StartAsync(WithHttpPort(new BotBedOptions()));

        var health = await GetAsync(bed, "/healthz");

        Assert.Equal(HttpStatusCode.OK, health.Status);
        using var json = JsonDocument.Parse(health.Body);
        var root = json.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("gateway").GetProperty("connected").GetBoolean());
        Assert.True(root.GetProperty("store").GetProperty("writable").GetBoolean());
        var backend = Assert.Single(root.GetProperty("backends").EnumerateArray());
        Assert.Equal("gpu-1", backend.GetProperty("name").GetString());
        Assert.True(backend.GetProperty("reachable").GetBoolean());
        Assert.Equal(0, backend.GetProperty("queue").GetInt32());
        Assert.DoesNotContain(bed.Fake.BotToken, health.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_WithOneOfTwoBackendsDown_IsDegradedButServing()
    {
        var options = WithHttpPort(new BotBedOptions { Backends = 2 });
        options.Configuration["ComfyBot:Backends:1:Url"] = DeadUrl();
        await using var bed = await BotBed.StartAsync(options);

        var health = await GetAsync(bed, "/healthz");

        Assert.Equal(HttpStatusCode.OK, health.Status);
        using var json = JsonDocument.Parse(health.Body);
        Assert.Equal("degraded", json.RootElement.GetProperty("status").GetString());
        var backends = json.RootElement.GetProperty("backends").EnumerateArray().ToList();
        Assert.True(backends.Single(b => b.GetProperty("name").GetString() == "gpu-1").GetProperty("reachable").GetBoolean());
        Assert.False(backends.Single(b => b.GetProperty("name").GetString() == "gpu-2").GetProperty("reachable").GetBoolean());
        var metrics = (await GetAsync(bed, "/metrics")).Body;
        Assert.Equal(1, Value(metrics, "comfybot_backend_up{backend=\"gpu-1\"}"));
        Assert.Equal(0, Value(metrics, "comfybot_backend_up{backend=\"gpu-2\"}"));
    }

    [Fact]
    public async Task Healthz_WithNoBackendReachable_Is503Unhealthy()
    {
        var options = WithHttpPort(new BotBedOptions());
        options.Configuration["ComfyBot:Backends:0:Url"] = DeadUrl();
        await using var bed = await BotBed.StartAsync(options);

        var health = await GetAsync(bed, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        using var json = JsonDocument.Parse(health.Body);
        Assert.Equal("unhealthy", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("gateway").GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task Healthz_WhileTheGatewayIsCutOff_Is503Unhealthy_AndHealthyAgainOnceItReconnects()
    {
        await using var bed = await BotBed.StartAsync(WithHttpPort(new BotBedOptions()));

        bed.Fake.Gateway.RefusingConnections = true;
        bed.Fake.Gateway.DropConnections();
        var down = await WaitForHealthAsync(bed, HttpStatusCode.ServiceUnavailable);

        using (var json = JsonDocument.Parse(down))
        {
            Assert.Equal("unhealthy", json.RootElement.GetProperty("status").GetString());
            Assert.False(json.RootElement.GetProperty("gateway").GetProperty("connected").GetBoolean());
        }

        bed.Fake.Gateway.RefusingConnections = false;
        using var up = JsonDocument.Parse(await WaitForHealthAsync(bed, HttpStatusCode.OK));
        Assert.Equal("healthy", up.RootElement.GetProperty("status").GetString());
        Assert.True(up.RootElement.GetProperty("gateway").GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task Healthz_OnAFullDisk_Is503WithTheStoreNotWritable_ThoughAnEmptyFileCouldStillBeCreated()
    {
        // Linux's /dev/full opens and truncates like any file and fails every write with ENOSPC, as a full disk does.
        // The probe's name is this process's, so a link there stands in for a disk with no block left.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var bed = await BotBed.StartAsync(WithHttpPort(new BotBedOptions()));
        var folder = Path.GetDirectoryName(bed.StorePath)!;
        var probe = Path.Combine(folder, $".healthz-{Environment.ProcessId}.tmp");
        File.CreateSymbolicLink(probe, "/dev/full");
        File.WriteAllBytes(probe, []);

        var health = await GetAsync(bed, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        using var json = JsonDocument.Parse(health.Body);
        Assert.Equal("unhealthy", json.RootElement.GetProperty("status").GetString());
        var store = json.RootElement.GetProperty("store");
        Assert.False(store.GetProperty("writable").GetBoolean());
        var error = store.GetProperty("error").GetString()!;
        Assert.Contains(bed.StorePath, error, StringComparison.Ordinal);
        Assert.Contains("No space left on device", error, StringComparison.Ordinal);
        Assert.Contains("free space on its disk", error, StringComparison.Ordinal);
        Assert.False(File.Exists(probe), "the probe is cleaned up after a failed write");
    }

    [Fact]
    public async Task HttpMode_ServesInteractionsHealthAndMetricsOnOneHost()
    {
        await using var bed = await BotBed.StartAsync(new BotBedOptions { HttpMode = true });

        var health = await GetAsync(bed, "/healthz");
        var metrics = await GetAsync(bed, "/metrics");

        // No gateway in Http mode, so it cannot make the bot unhealthy.
        Assert.Equal(HttpStatusCode.OK, health.Status);
        using var json = JsonDocument.Parse(health.Body);
        Assert.False(json.RootElement.GetProperty("gateway").GetProperty("required").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, metrics.Status);
        Assert.DoesNotContain("discord_gateway", metrics.Body, StringComparison.Ordinal);
        Assert.Equal(bed.HttpBase, new Uri(bed.InteractionsEndpoint!, "/"));
    }

    private static BotBedOptions WithHttpPort(BotBedOptions options)
    {
        options.Configuration["ComfyBot:Http:ListenUrls"] = "http://127.0.0.1:0";
        return options;
    }

    /// <summary>A loopback URL where nothing listens: a port the OS handed out and that was closed again.</summary>
    private static string DeadUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }

    private static async Task<(HttpStatusCode Status, string ContentType, string Body)> GetAsync(BotBed bed, string path)
    {
        using var http = new HttpClient { Timeout = BotBed.HangGuard };
        using var response = await http.GetAsync(new Uri(bed.HttpBase!, path));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? string.Empty, path == "/metrics" ? ScrapeText.WithoutScope(body) : body);
    }

    /// <summary>Polls /healthz until it answers <paramref name="status"/>; returns that body.</summary>
    private static async Task<string> WaitForHealthAsync(BotBed bed, HttpStatusCode status)
    {
        using var guard = new CancellationTokenSource(BotBed.HangGuard);
        while (true)
        {
            var health = await GetAsync(bed, "/healthz");
            if (health.Status == status)
            {
                return health.Body;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), guard.Token);
        }
    }

    private static async Task WaitForSeriesAsync(BotBed bed, string series)
    {
        using var guard = new CancellationTokenSource(BotBed.HangGuard);
        while (!(await GetAsync(bed, "/metrics")).Body.Contains(series + " ", StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), guard.Token);
        }
    }

    private static double Value(string text, string series)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        throw new Xunit.Sdk.XunitException($"No series {series} in:\n{text}");
    }
}
