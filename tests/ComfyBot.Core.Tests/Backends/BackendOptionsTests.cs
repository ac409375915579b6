using ComfyBot.Core.Backends;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Core.Tests.Backends;

public sealed class BackendOptionsTests
{
    [Fact]
    public void Every_bad_setting_is_named_with_its_fix_in_one_message()
    {
        var options = new BackendOptions { Name = "gpu 1", Url = null, MaxInFlight = 0, Weight = 0 };

        var error = string.Join("\n", options.Validate());

        Assert.Contains(":Name is 'gpu 1'", error, StringComparison.Ordinal);
        Assert.Contains(":Url is ''", error, StringComparison.Ordinal);
        Assert.Contains(":MaxInFlight is 0; set it between 1 and 64", error, StringComparison.Ordinal);
        Assert.Contains(":Weight is 0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_clients_settings_are_each_a_problem_under_their_own_key()
    {
        // They came back as one item per section, "…:Http: ComfyClientOptions.MaxRetries is …", lines joined.
        var options = new BackendOptions { Name = "gpu", Url = new Uri("http://127.0.0.1:8188/") };
        options.Http.MaxRetries = -1;
        options.Http.RequestTimeout = TimeSpan.Zero;
        options.Events.MaxMessageBytes = 1;

        var errors = options.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("ComfyBot:Backends:gpu:Http:MaxRetries is -1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("ComfyBot:Backends:gpu:Http:RequestTimeout is 00:00:00", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("ComfyBot:Backends:gpu:Events:MaxMessageBytes is 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Credentials_in_the_url_are_refused_without_repeating_them()
    {
        var options = new BackendOptions { Name = "gpu", Url = new Uri("http://admin:hunter2@127.0.0.1:8188/") };

        var error = Assert.Single(options.Validate());

        Assert.Contains("ComfyBot:Backends:gpu:Url carries credentials", error, StringComparison.Ordinal);
        Assert.Contains("Headers", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_two_in_flight_and_weight_one()
    {
        var options = new BackendOptions { Name = "gpu", Url = new Uri("http://127.0.0.1:8188") };

        Assert.Empty(options.Validate());
        Assert.Equal(2, options.MaxInFlight);
        Assert.Equal(1, options.Weight);
    }

    [Fact]
    public void An_instance_name_unfit_for_client_ids_is_refused_with_its_key()
    {
        var options = new BackendOptions { Name = "gpu", Url = new Uri("http://127.0.0.1:8188") };

        var error = Assert.Throws<ArgumentException>(() => new Backend(options, "my bot", TimeProvider.System, NullLoggerFactory.Instance));

        Assert.Contains("ComfyBot:Instance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_poll_interval_out_of_range_is_named_with_its_fix()
    {
        var options = new BackendMonitorOptions { PollInterval = TimeSpan.Zero };

        var error = Assert.Single(options.Validate());

        Assert.StartsWith("ComfyBot:BackendMonitor:PollInterval is 00:00:00; set it between", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MonitorOptions_ARereadOnMissLongerThanTheRefreshInterval_IsNamedWithItsRange()
    {
        var options = new BackendMonitorOptions { CatalogueRereadOnMiss = TimeSpan.FromHours(1) };

        var error = Assert.Single(options.Validate());

        Assert.Equal("ComfyBot:BackendMonitor:CatalogueRereadOnMiss is 01:00:00; set it between 00:00:00 and CatalogueRefreshInterval (00:30:00) (default 00:01:00).", error);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("01:00:00")]
    public void MonitorOptions_AFirstCheckWaitOutOfRange_IsNamedWithItsRange(string wait)
    {
        var options = new BackendMonitorOptions { FirstCheckWait = TimeSpan.Parse(wait, System.Globalization.CultureInfo.InvariantCulture) };

        var error = Assert.Single(options.Validate());

        Assert.Equal($"ComfyBot:BackendMonitor:FirstCheckWait is {wait}; set it between 00:00:01 and 00:30:00 (default 00:01:00).", error);
    }
}
