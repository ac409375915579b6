using ComfyBot.Core.Backends;
using ComfyBot.SlashCommands.Admin;

namespace ComfyBot.Tests.Commands;

/// <summary>One backend's block in /comfy-admin backends, for states the end-to-end test does not reach.</summary>
public sealed class AdminBackendsTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Block_Down_NamesTheErrorAndKeepsTheLastHour()
    {
        var health = BackendHealth.Unknown with { State = BackendState.Down, CheckedAt = Now.AddSeconds(-75), Error = "connection refused (127.0.0.1:8188)" };
        var text = AdminBackendsCommand.Block("gpu-2", health, new BackendThroughput(12, 3, TimeSpan.FromSeconds(8.44)), 0, 2, Now);
        Assert.Equal(
            "**gpu-2** 🔴 unreachable: connection refused (127.0.0.1:8188) (checked 1m 15s ago)\n"
            + "  queue: 0 running, 0 pending (0 not the bot's) · bot jobs on it: 0/2\n"
            + "  last hour: 3 done, mean 8.4s · 12 done since start",
            text);
    }

    [Fact]
    public void Block_NotCheckedYet_ShowsNoQueue()
    {
        var text = AdminBackendsCommand.Block("gpu-3", BackendHealth.Unknown, default, 0, 2, Now);
        Assert.Equal("**gpu-3** ⚪ not checked yet\n  last hour: 0 done · 0 done since start", text);
    }

    [Fact]
    public void Block_Up_ShowsGpuAndVramInGibibytes()
    {
        var health = BackendHealth.Unknown with { State = BackendState.Up, CheckedAt = Now, GpuName = "RTX 4090", VramTotal = 24L << 30, VramFree = 3L << 29, QueueRunning = 1, QueuePending = 4, ForeignQueued = 2 };
        var lines = AdminBackendsCommand.Block("gpu-1", health, default, 2, 2, Now).Split('\n');
        Assert.Equal("**gpu-1** 🟢 reachable (checked 0s ago)", lines[0]);
        Assert.Equal("  queue: 1 running, 4 pending (2 not the bot's) · bot jobs on it: 2/2", lines[1]);
        Assert.Equal("  GPU: RTX 4090 · VRAM 1.5 GiB free of 24.0 GiB", lines[2]);
    }

    [Fact]
    public void Describe_NoBackends_SaysHowToAddOne() =>
        Assert.Equal("No GPU servers are configured: add one under ComfyBot:Backends (Name and Url) and restart the bot.", AdminBackendsCommand.Describe([], [], Now));
}
