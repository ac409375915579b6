using BenchmarkDotNet.Running;
using ComfyBot.Benchmarks.AckLatency;

namespace ComfyBot.Benchmarks;

/// <summary>Runs the benchmarks named on the command line (BenchmarkDotNet's switcher), or the load harnesses.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "ack-latency")
        {
            return await AckLatencyHarness.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
