using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Running;
using Microsoft.Data.Sqlite;

namespace ComfyBot.Core.Tests.Running;

/// <summary>Admission: the policy's limits hold under a burst, and a store that cannot write says so.</summary>
public sealed class JobServiceAdmissionTests
{
    [Fact]
    public async Task A_burst_of_twenty_submissions_lets_exactly_the_cap_in()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Policy.MaxQueuedPerMember = 3;
        await rig.StartServiceAsync();
        rig.Service.Pause();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => SubmitAsync(rig, 7))));

        Assert.Equal(3, results.Count(r => r.IsQueued));
        Assert.All(results.Where(r => !r.IsQueued), r => Assert.Equal(RefusalReason.TooManyQueued, r.Refusal!.Reason));
        Assert.Equal(3, rig.Service.ListQueue(7).Count);
        Assert.Equal(3, await rig.Store.CountQueuedByOwnerAsync(7));
    }

    [Fact]
    public async Task The_cooldown_holds_under_a_burst()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Policy.MaxQueuedPerMember = 50;
        rig.Policy.Cooldown = TimeSpan.FromMinutes(5);
        await rig.StartServiceAsync();
        rig.Service.Pause();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => SubmitAsync(rig, 8))));

        Assert.Single(results, r => r.IsQueued);
        Assert.All(results.Where(r => !r.IsQueued), r => Assert.Equal(RefusalReason.Cooldown, r.Refusal!.Reason));
    }

    [Fact]
    public async Task A_store_that_cannot_write_refuses_the_job_and_says_why()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();
        await FailWritesAsync(rig.Store.Path, "INSERT", "database or disk is full");

        var result = await SubmitAsync(rig, 9);

        Assert.False(result.IsQueued);
        Assert.Equal(RefusalReason.StoreUnavailable, result.Refusal!.Reason);
        Assert.Equal("The bot cannot save jobs right now (its job store answered: database or disk is full), so nothing was queued. Tell an admin; try again once it is fixed.", result.Refusal.Message);
        Assert.Empty(rig.Service.ListQueue());
    }

    /// <summary>
    /// Makes the store's file refuse a kind of write on <c>jobs</c> with SQLite's own error, as a full disk or a
    /// read-only mount does: a trigger raises it inside the writer's transaction.
    /// </summary>
    internal static async Task FailWritesAsync(string path, string operation, string message, string? when = null)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var condition = when is null ? string.Empty : $" WHEN {when}";
        command.CommandText = $"CREATE TRIGGER fail_{operation.ToLowerInvariant()} BEFORE {operation} ON jobs{condition} BEGIN SELECT RAISE(ABORT, '{message}'); END;";
        await command.ExecuteNonQueryAsync();
    }

    private static Task<SubmitResult> SubmitAsync(JobServiceRig rig, ulong member) =>
        rig.Service.SubmitAsync(new JobSubmission(new JobOwner(member, $"member-{member}"), [], 555, "txt2img", WorkflowParameters.None with { Prompt = "a burst", Steps = 4 }))
            .WaitAsync(JobServiceRig.HangGuard);
}
