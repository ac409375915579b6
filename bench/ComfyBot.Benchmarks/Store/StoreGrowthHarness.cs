using System.Diagnostics;
using System.Globalization;
using ComfyBot.Comfy.Templates;
using ComfyBot.Benchmarks.Load;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Store;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Benchmarks.Store;

/// <summary>
/// Whether the store's per-submission cost grows with its history: fills a store with finished jobs in steps (10, 100,
/// 1,000, 10,000 by default) and, at each size, times a probe of fresh submissions (add, then the cooldown and cap
/// reads /imagine makes) and a bump. Prints the mean per operation at each size and the ratio to the smallest, so a
/// loaded machine shifts every row alike and the ratio still tells flat from growing.
/// </summary>
internal static class StoreGrowthHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = Option(args, "--sizes", "10,100,1000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var probe = int.Parse(Option(args, "--probe", "200"), CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("comfybot-store-growth-").FullName;
        try
        {
            using var store = await JobStore.OpenAsync(new JobStoreOptions { Path = Path.Combine(folder, "jobs.db") }, TimeProvider.System);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average before: {LoadMeasures.LoadAverage()}"));
            Console.WriteLine("finished jobs | add+cooldown+cap (ms/submission) | bump (ms) | ratio to first row");
            double? first = null;
            var stored = 0;
            foreach (var size in sizes)
            {
                while (stored < size)
                {
                    var job = await store.AddAsync(NewJob(stored));
                    await store.TransitionAsync(job.Id, JobState.Cancelled);
                    await store.MarkFinalDeliveredAsync(job.Id);
                    stored++;
                }

                var (submit, bump) = await ProbeAsync(store, probe);
                first ??= submit;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{size,13:N0} | {submit,31:F3} | {bump,9:F3} | {submit / first.Value,6:F2}x"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average after: {LoadMeasures.LoadAverage()}"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(double Submit, double Bump)> ProbeAsync(JobStore store, int count)
    {
        var ids = new List<long>(count);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var job = await store.AddAsync(NewJob(i));
            await store.GetLastSubmitTimeAsync(job.Owner.MemberId);
            await store.CountQueuedByOwnerAsync(job.Owner.MemberId);
            ids.Add(job.Id);
        }

        var submit = watch.Elapsed.TotalMilliseconds / count;
        watch.Restart();
        foreach (var id in ids.Take(Math.Min(count, 50)))
        {
            await store.BumpAsync(id);
        }

        var bump = watch.Elapsed.TotalMilliseconds / Math.Min(count, 50);

        // The probe's jobs leave the queue again, so the next size measures the same queue with a longer history.
        foreach (var id in ids)
        {
            await store.TransitionAsync(id, JobState.Cancelled);
            await store.MarkFinalDeliveredAsync(id);
        }

        return (submit, bump);
    }

    private static Job NewJob(int i) => new()
    {
        Owner = new JobOwner((ulong)(i % 200) + 1, "member"),
        GuildId = 1,
        ChannelId = 2,
        Workflow = "txt2img",
        Parameters = new WorkflowParameters { Prompt = "a lighthouse at dusk on a rocky coast, dramatic clouds, volumetric light", Steps = 30 },
        Weight = 1,
    };

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
