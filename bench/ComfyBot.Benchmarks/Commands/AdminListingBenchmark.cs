using BenchmarkDotNet.Attributes;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Running;
using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Messages;
using ComfyBot.SlashCommands;
using ComfyBot.SlashCommands.Admin;

namespace ComfyBot.Benchmarks.Commands;

/// <summary>
/// What the admin listing and the job autocomplete cost on the soak's queue (1,000 jobs from 50 members), given the
/// entries JobService.ListQueue returns: both answer within Discord's 3 seconds without deferring, so they must stay cheap.
/// </summary>
// Not sealed: BenchmarkDotNet generates a subclass of each benchmark type.
[MemoryDiagnoser]
public class AdminListingBenchmark
{
    private QueueEntry[] _queue = null!;

    [GlobalSetup]
    public void Setup()
    {
        _queue = [.. Enumerable.Range(1, 1000).Select(i => new QueueEntry(
            i <= 6 ? null : i - 6,
            new Job
            {
                Id = i,
                State = i <= 6 ? JobState.Running : JobState.Waiting,
                Backend = i <= 6 ? $"gpu-{(i % 3) + 1}" : null,
                Owner = new JobOwner((ulong)(1_300_000_000_000_000_000 + (i % 50)), $"member{i % 50}"),
                ChannelId = 1_300_000_000_000_000_020,
                Workflow = "txt2img",
                Parameters = WorkflowParameters.None with { Prompt = $"a lighthouse at dusk number {i}, oil on canvas, dramatic light, highly detailed" },
            },
            TimeSpan.FromSeconds(i),
            string.Empty))];
    }

    [Benchmark]
    public MessageBody FirstPage() => AdminQueuePage.Render(_queue, 1, paused: false);

    [Benchmark]
    public MessageBody LastPage() => AdminQueuePage.Render(_queue, 100, paused: false);

    [Benchmark]
    public IReadOnlyList<CommandChoice> JobAutocomplete() => JobChoices.Of(_queue, "#5", withOwner: true);
}
