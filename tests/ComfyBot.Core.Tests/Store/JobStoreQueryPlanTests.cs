using ComfyBot.Core.Jobs;
using ComfyBot.Core.Store;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ComfyBot.Core.Tests.Store;

/// <summary>
/// The statements run on every submission must cost the same at 10 finished jobs as at 10,000. Time is not a stable
/// measure on a shared machine, so these read SQLite's plan instead: only a covering-index search answers a MIN/MAX
/// without reading the rows of finished jobs. The growth itself is printed by the bench's store-growth harness.
/// </summary>
public sealed class JobStoreQueryPlanTests(ITestOutputHelper output) : IDisposable
{
    private readonly StoreFolder _folder = new();

    [Theory]
    [InlineData(nameof(JobStore.InsertSql), JobStore.InsertSql)]
    [InlineData(nameof(JobStore.FrontOfQueueSql), JobStore.FrontOfQueueSql)]
    [InlineData(nameof(JobStore.LastSubmitSql), JobStore.LastSubmitSql)]
    public async Task HotStatement_WithFinishedHistory_ProbesAnIndexInsteadOfScanningTheTable(string name, string sql)
    {
        using var store = await _folder.OpenAsync();
        for (var i = 0; i < 50; i++)
        {
            var job = await store.AddAsync(StoreFolder.NewJob(owner: (ulong)(i % 5)));
            await store.TransitionAsync(job.Id, JobState.Cancelled);
        }

        var plan = await PlanAsync(sql);
        output.WriteLine($"{name}: {string.Join(" | ", plan)}");

        // Each read of the jobs table must be answered from an index alone: a bare "SEARCH jobs" for MIN/MAX walks the
        // table, and "USING INDEX ix_jobs_owner" still reads every job the member ever made.
        var jobsSteps = plan.Where(step => step.StartsWith("SCAN jobs", StringComparison.Ordinal) || step.StartsWith("SEARCH jobs", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(jobsSteps);
        Assert.All(jobsSteps, step => Assert.StartsWith("SEARCH jobs USING COVERING INDEX", step, StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();

    private async Task<IReadOnlyList<string>> PlanAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_folder.DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var reader = await command.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }
}
