using ComfyBot.Core.Running;
using ComfyBot.Core.Tests.Backends;
using ComfyBot.Core.Workflows;

namespace ComfyBot.Core.Tests.Running;

/// <summary>A waiting reply says why it waits from the moment it waits, and a job sent back keeps its place.</summary>
public sealed class JobServiceWaitingTests
{
    private const string Offline = "⚠️ GPU server offline, your job is kept and will start when a server is back.";
    private const string Paused = "⏸️ An admin has paused the queue: your job is kept and starts when it resumes.";

    [Fact]
    public async Task A_job_that_arrives_while_every_server_is_down_says_so_at_once_without_an_estimate()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Simulator.Disconnect();
        await rig.Monitor.PollOnceAsync().WaitAsync(JobServiceRig.HangGuard);
        await rig.StartServiceAsync();

        var job = await rig.SubmitAsync(1);

        var first = await rig.WaitForTextAsync(job.Id, _ => true);
        Assert.Equal($"⏳ Queued: #1 in line\n{Offline}", first);
        Assert.DoesNotContain(rig.View(job.Id).Texts, t => t.Contains("starts in about", StringComparison.Ordinal));

        rig.Simulator.Reconnect();
        await rig.Monitor.PollOnceAsync().WaitAsync(JobServiceRig.HangGuard);
        Assert.StartsWith("✅", (await rig.WaitForFinalAsync(job.Id)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_waiting_on_a_paused_queue_says_an_admin_paused_it()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();
        rig.Service.Pause();

        var job = await rig.SubmitAsync(1);

        Assert.Equal($"⏳ Queued: #1 in line\n{Paused}", await rig.WaitForTextAsync(job.Id, _ => true));
        rig.Service.Resume();
        Assert.StartsWith("✅", (await rig.WaitForFinalAsync(job.Id)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_no_reachable_server_can_run_says_so()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = new WorkflowCatalog(
        [
            new WorkflowDefinition("txt2img", TemplateFixtures.Load("txt2img.json")),
            new WorkflowDefinition("elsewhere", BackendCapabilityTests.WithCheckpoint(TemplateFixtures.Load("txt2img.json"), "not_on_this_server.safetensors")),
        ]);
        await rig.StartServiceAsync();

        var job = await rig.SubmitAsync(1, workflow: "elsewhere");

        Assert.Equal(
            "⏳ Queued: #1 in line\n⚠️ No reachable GPU server can run the workflow 'elsewhere' right now; your job is kept and starts when one can.",
            await rig.WaitForTextAsync(job.Id, _ => true));
        Assert.Equal(CancelResult.Removed, await rig.Service.CancelAsync(job.Id, 1, "member-1", isAdmin: false));
    }

    [Fact]
    public async Task With_one_server_a_job_it_dropped_is_never_promised_another_server()
    {
        await using var rig = await JobServiceRig.StartAsync(backends: 1, maxInFlight: 1);
        rig.Simulator.HoldSampling(afterSteps: 1);
        await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1);
        await rig.WaitForTextAsync(job.Id, t => t.Contains("step 1/", StringComparison.Ordinal));

        rig.Simulator.Disconnect();
        await rig.Monitor.PollOnceAsync().WaitAsync(JobServiceRig.HangGuard);

        var moved = await rig.WaitForTextAsync(job.Id, t => t.Contains("went offline", StringComparison.Ordinal));
        Assert.DoesNotContain("another server", moved, StringComparison.Ordinal);
        Assert.Contains("⚠️ GPU server gpu-1 went offline while your job ran; it is queued again and starts when the server is back.", moved, StringComparison.Ordinal);
        rig.Simulator.ReleaseSampling();
        rig.Simulator.Reconnect();
        await rig.Monitor.PollOnceAsync().WaitAsync(JobServiceRig.HangGuard);
        Assert.StartsWith("✅", (await rig.WaitForFinalAsync(job.Id)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_sent_back_by_a_dead_server_runs_before_jobs_submitted_after_it()
    {
        await using var rig = await JobServiceRig.StartAsync(backends: 1, maxInFlight: 1);
        rig.Simulator.HoldSampling(afterSteps: 1);
        await rig.StartServiceAsync();
        var early = await rig.SubmitAsync(1);
        await rig.WaitForTextAsync(early.Id, t => t.Contains("step 1/", StringComparison.Ordinal));

        rig.Simulator.Disconnect();
        await rig.Monitor.PollOnceAsync().WaitAsync(JobServiceRig.HangGuard);
        await rig.WaitForTextAsync(early.Id, t => t.Contains("went offline", StringComparison.Ordinal));
        var late = await rig.SubmitAsync(2);
        await rig.WaitForTextAsync(late.Id, t => t.Contains("GPU server offline", StringComparison.Ordinal));

        Assert.Equal([early.Id, late.Id], rig.Service.ListQueue().Select(e => e.Job.Id));
        Assert.Equal(1, rig.Service.ListQueue().Single(e => e.Job.Id == early.Id).Position);
        rig.Simulator.ReleaseSampling();
        rig.Simulator.Reconnect();
        await rig.Monitor.PollOnceAsync().WaitAsync(JobServiceRig.HangGuard);

        await rig.WaitForFinalAsync(early.Id);
        await rig.WaitForFinalAsync(late.Id);
        Assert.Equal([early.Id, late.Id], rig.FinalOrder.Where(id => id == early.Id || id == late.Id));
    }
}
