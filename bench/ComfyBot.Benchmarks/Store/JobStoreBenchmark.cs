using BenchmarkDotNet.Attributes;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Store;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Benchmarks.Store;

/// <summary>
/// The job store's hot operations on a file that already holds 1,000 active jobs (the soak's size): adding a job (one
/// durable commit), a transition (read-modify-write in BEGIN IMMEDIATE), reading one job, and the restart listing.
/// </summary>
// Not sealed: BenchmarkDotNet generates a subclass of each benchmark type.
[MemoryDiagnoser]
public class JobStoreBenchmark
{
    private string _folder = null!;
    private JobStore _store = null!;
    private long _probeId;
    private bool _submitted;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("comfybot-bench-").FullName;
        _store = await JobStore.OpenAsync(new JobStoreOptions { Path = Path.Combine(_folder, "jobs.db") }, TimeProvider.System);
        for (var i = 0; i < 1000; i++)
        {
            await _store.AddAsync(NewJob(i));
        }

        _probeId = (await _store.AddAsync(NewJob(1000))).Id;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<Job> Add() => _store.AddAsync(NewJob(7));

    [Benchmark]
    public Task<Job> Transition()
    {
        // Submitted and back to Waiting (a requeue), so every call is a real move.
        _submitted = !_submitted;
        return _store.TransitionAsync(_probeId, _submitted ? JobState.Submitted : JobState.Waiting, j => j with { Backend = _submitted ? "gpu-1" : null });
    }

    [Benchmark]
    public Task<Job?> Get() => _store.GetAsync(_probeId);

    [Benchmark]
    public Task<IReadOnlyList<Job>> ListActive() => _store.ListActiveAsync();

    private static Job NewJob(int i) => new()
    {
        Owner = new JobOwner((ulong)(i % 50), "member"),
        GuildId = 1,
        ChannelId = 2,
        Workflow = "txt2img",
        Parameters = new WorkflowParameters { Prompt = "a lighthouse at dusk on a rocky coast, dramatic clouds, volumetric light", Steps = 30, Width = 1024, Height = 1024 },
        ChatTarget = "{\"token\":\"" + new string('t', 180) + "\"}",
    };
}
