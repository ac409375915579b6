using BenchmarkDotNet.Running;

namespace ComfyBot.Benchmarks;

/// <summary>Runs the benchmarks named on the command line (BenchmarkDotNet's switcher), or the load harnesses.</summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
