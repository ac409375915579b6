using ComfyBot.Health;

namespace ComfyBot.Tests.Health;

public sealed class HealthStatusTests
{
    private static readonly GatewayHealth Connected = new(true, true, ["0:ready"], 0, 0);
    private static readonly GatewayHealth Disconnected = new(false, true, ["0:reconnecting"], 1, 0);
    private static readonly GatewayHealth NoGateway = new(false, false, [], 0, 0);
    private static readonly StoreHealth Writable = new(true, null);
    private static readonly StoreHealth ReadOnly = new(false, "Access to the path is denied.");

    [Fact]
    public void StatusOf_AllUp_IsHealthy() =>
        Assert.Equal(HealthReport.Healthy, HealthReport.StatusOf(Connected, Writable, [Backend("gpu-1", true), Backend("gpu-2", true)]));

    [Fact]
    public void StatusOf_OneOfTwoBackendsDown_IsDegraded() =>
        Assert.Equal(HealthReport.Degraded, HealthReport.StatusOf(Connected, Writable, [Backend("gpu-1", true), Backend("gpu-2", false)]));

    [Fact]
    public void StatusOf_NoBackendReachable_IsUnhealthy() =>
        Assert.Equal(HealthReport.Unhealthy, HealthReport.StatusOf(Connected, Writable, [Backend("gpu-1", false)]));

    [Fact]
    public void StatusOf_NoBackendsAtAll_IsUnhealthy() =>
        Assert.Equal(HealthReport.Unhealthy, HealthReport.StatusOf(Connected, Writable, []));

    [Fact]
    public void StatusOf_GatewayDisconnected_IsUnhealthy() =>
        Assert.Equal(HealthReport.Unhealthy, HealthReport.StatusOf(Disconnected, Writable, [Backend("gpu-1", true)]));

    [Fact]
    public void StatusOf_HttpModeWithoutGateway_IsHealthy() =>
        Assert.Equal(HealthReport.Healthy, HealthReport.StatusOf(NoGateway, Writable, [Backend("gpu-1", true)]));

    [Fact]
    public void StatusOf_StoreNotWritable_IsUnhealthyAnd503()
    {
        var report = new HealthReport(HealthReport.StatusOf(Connected, ReadOnly, [Backend("gpu-1", true)]), Connected, ReadOnly, [Backend("gpu-1", true)]);

        Assert.Equal(HealthReport.Unhealthy, report.Status);
        Assert.False(report.IsServing);
    }

    private static BackendReport Backend(string name, bool reachable) =>
        new(name, reachable, reachable ? "up" : "down", 0, null, reachable ? null : "Connection refused (127.0.0.1:8188)");
}
