using System.Net.Sockets;
using System.Text;
using ComfyBot.Core.Backends;
using ComfyBot.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Core.Tests.Backends;

/// <summary>Builds backends and monitors pointed at simulators, with quiet loggers.</summary>
internal static class BackendRig
{
    public static readonly TimeSpan HangGuard = ComfyBot.Testing.TestGuards.HangGuard;

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

    /// <summary>Reads one request head and answers with an error, so neither side waits on the other.</summary>
    public static async Task<string> AnswerOneRequestAsync(TcpListener listener, string status = "503 Service Unavailable")
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[8192];
        var count = 0;
        while (count < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(count));
            if (read == 0)
            {
                break;
            }

            count += read;
            if (Encoding.ASCII.GetString(buffer, 0, count).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        return Encoding.ASCII.GetString(buffer, 0, count);
    }
}
