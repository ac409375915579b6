using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Jobs;
using ComfyBot.Testing;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceBackendDownTests
{
    [Fact]
    public async Task Jobs_on_a_backend_that_goes_down_move_to_another_whether_waiting_there_or_running()
    {
        await using var rig = await JobServiceRig.StartAsync(backends: 2, maxInFlight: 2);
        foreach (var simulator in rig.Simulators)
        {
            simulator.HoldSampling(afterSteps: 1);
        }

        await rig.StartServiceAsync();
        var running1 = await rig.SubmitAsync(1);
        await rig.WaitForTextAsync(running1.Id, t => t.Contains("step 1/", StringComparison.Ordinal));
        var running2 = await rig.SubmitAsync(2);
        await rig.WaitForTextAsync(running2.Id, t => t.Contains("step 1/", StringComparison.Ordinal));
        var queued1 = await rig.SubmitAsync(3);
        var queued2 = await rig.SubmitAsync(4);
        foreach (var queued in new[] { queued1, queued2 })
        {
            await rig.WaitForStateAsync(queued.Id, JobState.Submitted);
        }

        var jobs = rig.Service.ListQueue().Select(e => e.Job).ToList();
        var waitingOnFirst = Assert.Single(jobs, j => j is { Backend: "gpu-1", State: JobState.Submitted });
        var runningOnFirst = Assert.Single(jobs, j => j is { Backend: "gpu-1", State: JobState.Running });

        await rig.Simulators[0].DisposeAsync();
        await rig.Monitor.PollOnceAsync().WaitAsync(JobServiceRig.HangGuard);

        var moved = await rig.WaitForTextAsync(waitingOnFirst.Id, t => t.Contains("went offline", StringComparison.Ordinal));
        Assert.Equal("⚠️ GPU server gpu-1 went offline before your job started; it moved back to the queue and goes to another server.", moved.Split('\n')[^1]);
        rig.Simulators[1].ReleaseSampling();

        foreach (var job in new[] { running1, running2, queued1, queued2 })
        {
            Assert.StartsWith("✅ Done", (await rig.WaitForFinalAsync(job.Id)).Text, StringComparison.Ordinal);
            var stored = await rig.Store.GetAsync(job.Id);
            Assert.Equal("gpu-2", stored!.Backend);
            Assert.Equal(1, rig.View(job.Id).Calls.Count(c => c.State.IsFinal));
        }

        Assert.Equal(2, (await rig.Store.GetAsync(waitingOnFirst.Id))!.Attempts);
        Assert.Equal(2, (await rig.Store.GetAsync(runningOnFirst.Id))!.Attempts);
        Assert.Contains(rig.View(runningOnFirst.Id).Texts, t => t.EndsWith("⚠️ GPU server gpu-1 went offline while your job ran; it is queued again for another server.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prompts_left_on_a_server_that_was_only_cut_off_are_removed_when_it_answers_again()
    {
        await using var rig = await JobServiceRig.StartAsync(backends: 2, maxInFlight: 2);
        foreach (var simulator in rig.Simulators)
        {
            simulator.HoldSampling(afterSteps: 1);
        }

        await rig.StartServiceAsync();
        List<Job> submitted = [];
        for (var member = 1UL; member <= 4; member++)
        {
            submitted.Add(await rig.SubmitAsync(member));
        }

        await Polling.UntilAsync(() => Task.FromResult(rig.Service.ListQueue() is var queue
            && queue.All(e => e.Job.State is JobState.Submitted or JobState.Running)
            && queue.Count(e => e.Job.State == JobState.Running) == 2));
        var onFirst = rig.Service.ListQueue().Select(e => e.Job).Where(j => j.Backend == "gpu-1").ToList();
        Assert.Equal(2, onFirst.Count);
        var leftBehind = onFirst.Select(j => j.PromptId!).ToList();

        // The server keeps working behind the cut: its running prompt still runs and the other still waits there.
        rig.Simulators[0].Disconnect();
        await rig.Monitor.PollOnceAsync().WaitAsync(JobServiceRig.HangGuard);
        foreach (var job in onFirst)
        {
            await rig.WaitForTextAsync(job.Id, t => t.Contains("GPU server gpu-1 went offline", StringComparison.Ordinal));
        }

        rig.Simulators[0].Reconnect();
        await rig.Monitor.PollOnceAsync().WaitAsync(JobServiceRig.HangGuard);

        var client = rig.Backends[0].Client;
        await Polling.UntilAsync(async () => !leftBehind.Any((await client.GetQueueAsync()).Contains));

        foreach (var simulator in rig.Simulators)
        {
            simulator.ReleaseSampling();
        }

        foreach (var job in submitted)
        {
            Assert.StartsWith("✅ Done", (await rig.WaitForFinalAsync(job.Id)).Text, StringComparison.Ordinal);
            Assert.Single(rig.View(job.Id).Calls, c => c.State.IsFinal);
        }

        // The prompt that ran was interrupted, not finished for nobody; the one that waited never ran.
        var ran = onFirst.Single(j => j.State == JobState.Running).PromptId!;
        var waited = onFirst.Single(j => j.State == JobState.Submitted).PromptId!;
        Assert.NotNull((await client.GetHistoryAsync(ran))!.Interruption);
        Assert.Null(await client.GetHistoryAsync(waited));
    }

    [Fact]
    public async Task A_prompt_left_by_a_reattach_that_timed_out_is_removed_once_the_server_takes_a_new_one()
    {
        await using var rig = await JobServiceRig.StartAsync(backends: 1, maxInFlight: 1);
        rig.Simulator.HoldSampling(afterSteps: 1);
        var first = await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1, parameters: WorkflowParameters.None with { Batch = 1 });
        await rig.WaitForTextAsync(job.Id, t => t.Contains("step 1/", StringComparison.Ordinal));
        var leftBehind = (await rig.Store.GetAsync(job.Id))!.PromptId!;
        await first.DisposeAsync();

        // A restarted bot finds the server cut off (its prompt still runs behind the cut) without the monitor ever
        // counting it down: the reattach times out, and the job waits for the server.
        await rig.RenewBackendsAsync();
        rig.Simulator.Disconnect();
        rig.Options.OfflineRetryDelay = TimeSpan.FromMilliseconds(200);
        rig.ForgetViews();
        await rig.StartServiceAsync();
        await rig.WaitForTextAsync(job.Id, t => t.Contains("GPU server offline, your job is kept", StringComparison.Ordinal));

        // Back: the job is submitted again, and that new prompt is the sign that clears the old one.
        rig.Simulator.Reconnect();
        var client = rig.Backends[0].Client;
        await Polling.UntilAsync(async () => (await client.GetHistoryAsync(leftBehind))?.Interruption is not null);
        rig.Simulator.ReleaseSampling();

        Assert.StartsWith("✅ Done", (await rig.WaitForFinalAsync(job.Id)).Text, StringComparison.Ordinal);
        Assert.NotEqual(leftBehind, (await rig.Store.GetAsync(job.Id))!.PromptId);
    }
}
