using BenchmarkDotNet.Running;
using ComfyBot.Benchmarks.AckLatency;
using ComfyBot.Benchmarks.Load;
using ComfyBot.Benchmarks.Store;

namespace ComfyBot.Benchmarks;

/// <summary>Runs the benchmarks named on the command line (BenchmarkDotNet's switcher), or the load harnesses.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "ack-latency":
                return await AckLatencyHarness.RunAsync(args[1..]);
            case "ack-side-by-side":
                return await SideBySideHarness.RunAsync(args[1..]);
            case "job-overhead":
                return await JobOverheadHarness.RunAsync(args[1..]);
            case "queue-memory":
                return await QueueMemoryHarness.RunAsync(args[1..]);
            case "store-growth":
                return await StoreGrowthHarness.RunAsync(args[1..]);
            case "gateway-compression":
                return Gateway.GatewayCompressionHarness.Run(args[1..]);
            case "queue-drain":
                return await Scheduling.QueueDrainHarness.RunAsync(args[1..]);
            case "parse-vs-python":
                return await Events.ParseVsPythonHarness.RunAsync(args[1..]);
            case "client-vs-seed":
                return await ClientCost.ClientVsSeedHarness.RunAsync(args[1..]);
            case "progress-freshness":
                return await Progress.ProgressFreshnessHarness.RunAsync(args[1..]);
            case "soak":
                return await SoakHarness.RunAsync(args[1..]);
            case "generate-process":
                return await Startup.GenerateProcessHarness.RunAsync(args[1..]);
            case "startup-ready":
                return await Startup.ReadyHarness.RunAsync(args[1..]);
            default:
                break;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
