using ComfyBot.Core.Progress;
using ComfyBot.Replies;

namespace ComfyBot.Tests.Replies;

/// <summary>The chat target is saved after each send that changed it, and only then.</summary>
public sealed class PersistedJobViewTests
{
    [Fact]
    public async Task Show_SavesTheTargetOnlyWhenASendChangedIt()
    {
        await using var bed = await ReplyBed.StartAsync();
        var saved = new List<(long Job, string Json)>();
        var view = new PersistedJobView(9, bed.View, (job, json, _) =>
        {
            saved.Add((job, json));
            return Task.CompletedTask;
        });

        await view.ShowAsync(ReplyState.Progress("step 1"), default);
        Assert.Empty(saved);

        await view.ShowAsync(ReplyState.Final("Done", [Images.Png("a.png", 1)]), default);
        var (job, json) = Assert.Single(saved);
        Assert.Equal(9, job);
        Assert.True(ChatTarget.FromJson(json).FinalDelivered);

        // The reply is settled: its interaction token is not kept in the store for the weeks the job stays there.
        Assert.DoesNotContain(bed.Interaction.Token, json, StringComparison.Ordinal);
        Assert.Equal(string.Empty, ChatTarget.FromJson(json).Token);

        // A repeated final (e.g. after a restart) changes nothing and sends nothing.
        await view.ShowAsync(ReplyState.Final("Done", [Images.Png("a.png", 1)]), default);
        Assert.Single(saved);
        Assert.Single(bed.Original.History, s => s.Content == "Done");
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task A_view_keeps_no_serialized_copy_of_its_target_while_it_waits()
    {
        await using var bed = await ReplyBed.StartAsync();
        static Task Save(long job, string json, CancellationToken _) => Task.CompletedTask;
        _ = new PersistedJobView(9, bed.View, Save);
        var targetJson = bed.View.Target.ToJson();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var view = new PersistedJobView(9, bed.View, Save);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The object itself is a few dozen bytes; the target's JSON (with its interaction token) is hundreds.
        Assert.True(targetJson.Length > 300, $"the target's JSON is only {targetJson.Length} chars; the bound below would prove nothing");
        Assert.InRange(allocated, 1, 200);
        GC.KeepAlive(view);
    }
}
