using BenchmarkDotNet.Attributes;
using ComfyBot.Core.Progress;

namespace ComfyBot.Benchmarks.Progress;

/// <summary>
/// The cost of pacing replies: posting a progress state to a message that was just edited (the common case: it is
/// coalesced), and a thousand messages each taking one state and its final state, which shows the memory each
/// paced message costs. Target: a coalesced post well under 1 µs; a message a few hundred bytes while paced.
/// </summary>
// Not sealed: BenchmarkDotNet generates a subclass of each benchmark type.
[MemoryDiagnoser]
public class ReplyThrottleBenchmark
{
    private static readonly ReplyState Running = ReplyState.Progress("🎨 KSampler · step 5/20 ███░░░░░░░░░ 25% overall · 4.2s");
    private static readonly ReplyState Done = ReplyState.Final("✅ Done: 1 image · seed 42 · 12.0s");
    private readonly InstantView _view = new();
    private ReplyThrottle _busy = null!;

    [GlobalSetup]
    public void Setup()
    {
        // An hour's interval: after the first send every post is coalesced, which is what a busy message does.
        _busy = new ReplyThrottle(_view, TimeProvider.System, new ReplyThrottleOptions { Interval = TimeSpan.FromHours(1) });
        _busy.Post(Running);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _busy.DisposeAsync();

    [Benchmark]
    public bool CoalescedPost() => _busy.Post(Running);

    [Benchmark(OperationsPerInvoke = 1000)]
    public async Task ThousandMessagesToTheirFinalState()
    {
        var throttles = new ReplyThrottle[1000];
        for (var i = 0; i < throttles.Length; i++)
        {
            throttles[i] = new ReplyThrottle(_view, TimeProvider.System, new ReplyThrottleOptions { Interval = TimeSpan.Zero });
            throttles[i].Post(Running);
            throttles[i].Post(Done);
        }

        foreach (var throttle in throttles)
        {
            await throttle.Completion;
            await throttle.DisposeAsync();
        }
    }

    private sealed class InstantView : IJobView
    {
        public ValueTask<ReplySendResult> ShowAsync(ReplyState state, CancellationToken cancellationToken) => ValueTask.FromResult(ReplySendResult.Sent);
    }
}
