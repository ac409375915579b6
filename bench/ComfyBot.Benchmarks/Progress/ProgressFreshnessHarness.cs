using System.Globalization;
using System.Text.RegularExpressions;
using ComfyBot.Benchmarks.Load;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;

namespace ComfyBot.Benchmarks.Progress;

/// <summary>
/// Progress freshness (issue 15): from a ComfyUI progress message to the Discord edit that shows it, which should be
/// at most the reply's throttle interval (<c>Jobs:Reply:Interval</c>) plus 50 ms at p99. The real bot runs against
/// FakeDiscord (real rate limits) and one simulator that records when it sent each sampler <c>progress</c> message.
/// Jobs run one at a time, so each job's messages are its prompt's. For every progress message, the delay is from its
/// send to the first edit of the job's reply, at or after it, that shows its step or a later one (a final state
/// counts: it shows the run over). A message that only the final state covered is counted apart, since no progress
/// edit was due. Both clocks are the process's system clock. Usage:
/// <c>progress-freshness [--jobs 20] [--steps 40] [--steps-per-second 10] [--interval 1500]</c>.
/// </summary>
internal static partial class ProgressFreshnessHarness
{
    private static readonly LoadSettings Defaults = new() { Jobs = 20, WarmUp = 2, Members = 1, Backends = 1, StepsPerSecond = 10, Steps = 40 };

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = LoadSettings.Parse(args, Defaults);
        Console.WriteLine($"progress-freshness: {settings}");
        Console.WriteLine($"load average before: {LoadMeasures.LoadAverage()}");
        await using var bed = await LoadBed.StartAsync(settings);
        var simulator = bed.Simulators[0];
        for (var i = 0; i < settings.WarmUp; i++)
        {
            await bed.WaitForFinalAsync(bed.Imagine(null, settings.Steps, seed: i), LoadBed.HangGuard);
        }

        simulator.RecordProgress = true;
        var delays = new List<double>();
        var byFinal = new List<double>();
        var missing = 0;
        for (var i = 0; i < settings.Jobs; i++)
        {
            var seen = simulator.SentProgressMessages.Count;
            var interaction = bed.Imagine(null, settings.Steps, seed: 1_000 + i);
            await bed.WaitForFinalAsync(interaction, TimeSpan.FromSeconds(60 + (settings.Steps / Math.Max(1, settings.StepsPerSecond))));
            var sent = simulator.SentProgressMessages.Skip(seen).ToList();
            var edits = interaction.OriginalMessage!.History;
            foreach (var progress in sent)
            {
                var shown = edits.FirstOrDefault(e => e.At >= progress.SentAt && Shows(e, progress.Step));
                if (shown is null)
                {
                    missing++;
                }
                else if (ReplyAudit.IsFinal(shown.Content))
                {
                    byFinal.Add((shown.At - progress.SentAt).TotalMilliseconds);
                }
                else
                {
                    delays.Add((shown.At - progress.SentAt).TotalMilliseconds);
                }
            }
        }

        var interval = settings.ReplyInterval.TotalMilliseconds;
        var p99 = LoadMeasures.Percentile(delays, 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {settings.Jobs} jobs, {delays.Count + byFinal.Count + missing} progress messages sent
              shown by a progress edit: {LoadMeasures.Summary(delays)}
              p50 {LoadMeasures.Percentile(delays, 0.5):0.0} ms, p99 {p99:0.0} ms against the throttle interval {interval:0} ms: p99 - interval = {p99 - interval:0.0} ms (target <= 50 ms: {(p99 - interval <= 50 ? "met" : "NOT met")})
              covered only by the final state: {LoadMeasures.Summary(byFinal)}
              never shown (no later edit shows the step or the end): {missing}
            load average after: {LoadMeasures.LoadAverage()}
            """));
        return missing == 0 ? 0 : 1;
    }

    /// <summary>Whether the state shows step <paramref name="step"/> or later, or the end of the run.</summary>
    private static bool Shows(MessageState state, int step)
    {
        if (ReplyAudit.IsFinal(state.Content))
        {
            return true;
        }

        var match = StepPattern().Match(state.Content);
        return match.Success && int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) >= step;
    }

    [GeneratedRegex(@"step (\d+)/(\d+)")]
    private static partial Regex StepPattern();
}
