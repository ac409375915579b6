using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceSlotTests
{
    [Fact]
    public async Task A_finished_job_frees_its_GPU_slot_while_its_final_reply_is_still_being_sent()
    {
        await using var rig = await JobServiceRig.StartAsync(backends: 1, maxInFlight: 1);
        await rig.StartServiceAsync();
        var first = await rig.SubmitAsync(1);
        var release = rig.View(first.Id).HoldFinal();
        await rig.WaitForTextAsync(first.Id, t => t.StartsWith('✅'));

        // The only slot would still be taken if the service waited for the reply (its pacing, a slow chat service).
        var second = await rig.SubmitAsync(2);
        var final = await rig.WaitForFinalAsync(second.Id);

        Assert.StartsWith("✅", final.Text, StringComparison.Ordinal);
        Assert.Equal(JobState.Succeeded, (await rig.Store.GetAsync(first.Id))!.State);
        release.SetResult(ReplySendResult.Sent);
        Assert.Single(rig.View(first.Id).Calls, c => c.State.IsFinal);
    }
}
