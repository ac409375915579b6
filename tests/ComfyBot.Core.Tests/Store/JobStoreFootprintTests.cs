using System.Globalization;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using Xunit.Abstractions;

namespace ComfyBot.Core.Tests.Store;

/// <summary>
/// The budget is under 5 KB per queued job. These measure bytes, not time, so they are deterministic; the numbers
/// go to the test output for the report.
/// </summary>
public sealed class JobStoreFootprintTests(ITestOutputHelper output) : IDisposable
{
    private const int Budget = 5 * 1024;
    private readonly StoreFolder _folder = new();

    [Fact]
    public async Task StoreGrowth_PerThousandQueuedJobs_IsUnderBudget()
    {
        using var store = await _folder.OpenAsync();
        await store.AddAsync(TypicalJob(0) with { Id = 0 });
        var before = await SizeAsync(store);

        for (var i = 1; i <= 1000; i++)
        {
            await store.AddAsync(TypicalJob(i) with { Id = 0 });
        }

        var perJob = (await SizeAsync(store) - before) / 1000.0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store: {perJob:F0} bytes per queued job (page growth over 1,000 jobs)"));
        Assert.InRange(perJob, 1, Budget);
    }

    [Fact]
    public void JobRecord_InMemory_IsUnderBudget()
    {
        var jobs = new Job[10_000];
        TypicalJob(-1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < jobs.Length; i++)
        {
            jobs[i] = TypicalJob(i);
        }

        var perJob = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)jobs.Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: {perJob:F0} bytes allocated per Job with typical fields"));
        Assert.InRange(perJob, 1, Budget);
        GC.KeepAlive(jobs);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A job as /imagine makes it: a 150-character prompt, a negative, a few numbers and the chat target's JSON.</summary>
    private static Job TypicalJob(int i) => new()
    {
        Id = i,
        Owner = new JobOwner(100_000_000_000_000_000UL + (ulong)(i % 50), string.Concat("member ", (i % 50).ToString(CultureInfo.InvariantCulture))),
        GuildId = 900_000_000_000_000_000UL,
        ChannelId = 910_000_000_000_000_000UL,
        Workflow = "txt2img",
        Parameters = new WorkflowParameters
        {
            Prompt = string.Concat("a lighthouse at dusk on a rocky coast, dramatic clouds, volumetric light, ", i.ToString(CultureInfo.InvariantCulture), ", highly detailed, 35mm photograph, golden hour"),
            Negative = string.Concat("blurry, lowres, watermark ", i.ToString(CultureInfo.InvariantCulture)),
            Seed = (ulong)i * 7919,
            Width = 1024,
            Height = 1024,
            Steps = 30,
            Cfg = 7,
            Batch = 1,
        },
        Weight = 1,
        ClientId = "comfybot-main-910000000000000000",
        ChatTarget = string.Concat(
            "{\"application_id\":\"1\",\"token\":\"", new string('t', 180), i.ToString(CultureInfo.InvariantCulture),
            "\",\"expires\":\"2026-11-27T05:15:00Z\",\"message_ids\":[]}"),
    };

    private static async Task<long> SizeAsync(ComfyBot.Core.Store.JobStore store) =>
        long.Parse(await store.Database.ReadPragmaAsync("page_count"), CultureInfo.InvariantCulture)
        * long.Parse(await store.Database.ReadPragmaAsync("page_size"), CultureInfo.InvariantCulture);
}
