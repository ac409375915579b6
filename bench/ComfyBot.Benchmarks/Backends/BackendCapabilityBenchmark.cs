using BenchmarkDotNet.Attributes;
using ComfyBot.Comfy.Http;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Backends;
using ComfyBot.Simulator;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Benchmarks.Backends;

/// <summary>
/// What the scheduler pays per decision on one backend: <see cref="Backend.CanRun"/> answered from the per-template
/// cache, against validating the template afresh (a cache miss, once per catalogue refresh), and counting foreign
/// prompts on a 200-entry ComfyUI queue. Target: a cached CanRun well under 1 µs and allocation-free.
/// </summary>
// Not sealed: BenchmarkDotNet generates a subclass of each benchmark type.
[MemoryDiagnoser]
public class BackendCapabilityBenchmark
{
    private ComfySimulator _simulator = null!;
    private Backend _backend = null!;
    private WorkflowTemplate _template = null!;
    private QueueSnapshot _queue = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _simulator = await ComfySimulator.StartAsync(new SimulatorOptions { StepsPerSecond = 0 });
        _backend = new Backend(
            new BackendOptions { Name = "bench", Url = _simulator.BaseAddress }, "bench", TimeProvider.System, NullLoggerFactory.Instance);
        await using (var monitor = new BackendMonitor([_backend], new BackendMonitorOptions(), TimeProvider.System, NullLogger<BackendMonitor>.Instance))
        {
            await monitor.PollOnceAsync();
        }

        _template = await WorkflowTemplate.LoadAsync(RepositoryFixtures.FixturePath("comfy", "workflows", "txt2img.json"));
        if (!_backend.CanRun(_template))
        {
            throw new InvalidOperationException("The simulator should run txt2img.json; the benchmark would measure a failure path.");
        }

        var pending = Enumerable.Range(0, 200)
            .Select(i => new QueueItem(i + 1, $"p{i}", i % 3 == 0 ? "webui" : $"comfybot-bench-chan{i % 7}"))
            .ToList();
        _queue = new QueueSnapshot([new QueueItem(0, "running", "webui")], pending);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _backend.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public bool CanRunCached() => _backend.CanRun(_template);

    [Benchmark]
    public int ValidateUncached() => _template.Validate(_backend.Catalog!, _backend.Models).Count;

    [Benchmark]
    public int CountForeignAhead200() => _backend.CountForeignAhead(_queue, "p150");
}
