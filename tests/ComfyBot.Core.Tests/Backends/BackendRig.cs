using ComfyBot.Core.Backends;
using ComfyBot.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Core.Tests.Backends;

/// <summary>Builds backends and monitors pointed at simulators, with quiet loggers.</summary>
internal static class BackendRig
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    public static BackendOptions Options(Uri url, string name = "gpu-1") => new()
    {
        Name = name,
        Url = url,
        Http = { MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(10) },
    };

    public static Backend For(ComfySimulator simulator, TimeProvider? time = null, string name = "gpu-1") =>
        new(Options(simulator.BaseAddress, name), "test", time ?? TimeProvider.System, NullLoggerFactory.Instance);

    public static BackendMonitor Monitor(TimeProvider time, params Backend[] backends) =>
        new(backends, new BackendMonitorOptions(), time, NullLogger<BackendMonitor>.Instance);

    public static Task<ComfySimulator> SimulatorAsync(int port = 0) =>
        ComfySimulator.StartAsync(new SimulatorOptions { Port = port, StepsPerSecond = 0 });
}
