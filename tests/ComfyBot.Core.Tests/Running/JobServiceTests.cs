using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Progress;
using ComfyBot.Comfy.Templates;
using ComfyBot.Core.Running;
using ComfyBot.Core.Tests.Backends;
using ComfyBot.Core.Workflows;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceTests
{
    [Fact]
    public async Task A_job_goes_from_queued_through_running_to_done_with_its_images_and_seed()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();
        rig.Service.Pause();

        var job = await rig.SubmitAsync(1, parameters: new() { Seed = 42 });
        Assert.Equal(JobState.Waiting, job.State);
        Assert.True(job.Id > 0);
        Assert.Equal($"⏳ Queued: #1 in line\n{ReplyTexts.Paused}", await rig.WaitForTextAsync(job.Id, t => t.StartsWith('⏳')));
        rig.Simulator.HoldSampling(afterSteps: 2);
        rig.Service.Resume();
        var running = await rig.WaitForTextAsync(job.Id, t => t.Contains("step 2/4", StringComparison.Ordinal));
        Assert.StartsWith("🎨 KSampler · step 2/4", running, StringComparison.Ordinal);
        Assert.Equal(JobState.Running, (await rig.Store.GetAsync(job.Id))!.State);
        rig.Simulator.ReleaseSampling();

        var final = await rig.WaitForFinalAsync(job.Id);

        // txt2img saves a batch of 2 and also previews it; only the saved outputs are attached.
        Assert.StartsWith("✅ Done: 2 images · seed 42", final.Text, StringComparison.Ordinal);
        Assert.Equal(2, final.Images.Count);
        Assert.All(final.Images, image => Assert.Equal("image/png", image.MediaType));
        Assert.All(final.Images, image => Assert.True(image.Content.Length > 0));
        var texts = rig.View(job.Id).Texts;
        Assert.Equal($"⏳ Queued: #1 in line\n{ReplyTexts.Paused}", texts[0]);
        Assert.Equal(1, texts.Count(t => t.StartsWith('⏳')));
        Assert.StartsWith("✅", texts[^1], StringComparison.Ordinal);
        Assert.Equal(1, rig.View(job.Id).Calls.Count(c => c.State.IsFinal));

        var stored = await rig.Store.GetAsync(job.Id);
        Assert.NotNull(stored);
        Assert.Equal(JobState.Succeeded, stored.State);
        Assert.True(stored.FinalDelivered);
        Assert.Equal("gpu-1", stored.Backend);
        Assert.Equal("comfybot-test-555", stored.ClientId);
        Assert.Equal(42UL, stored.Seed);
        Assert.Equal(1, stored.Attempts);
        Assert.NotNull(stored.PromptId);
        Assert.NotEmpty(stored.Outputs);
    }

    [Fact]
    public async Task A_missing_seed_is_chosen_once_and_stored_before_the_job_runs()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();
        rig.Service.Pause();

        var job = await rig.SubmitAsync(1);

        Assert.NotNull(job.Seed);
        Assert.Equal(job.Seed, job.Parameters.Seed);
        Assert.Equal(job.Seed, (await rig.Store.GetAsync(job.Id))!.Seed);
    }

    [Fact]
    public async Task A_refused_request_stores_nothing_and_names_the_reason()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Policy.BannedMemberIds.Add(7);
        await rig.StartServiceAsync();

        var result = await rig.Service.SubmitAsync(new JobSubmission(new JobOwner(7, "banned"), [], 555, "txt2img", new() { Prompt = "x" }));

        Assert.False(result.IsQueued);
        Assert.Equal(RefusalReason.Banned, result.Refusal!.Reason);
        Assert.Empty(await rig.Store.ListActiveAsync());
    }

    [Fact]
    public async Task An_unknown_workflow_is_refused_with_the_known_names()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();

        var result = await rig.Service.SubmitAsync(new JobSubmission(new JobOwner(1, "m"), [], 555, "nope", new() { Prompt = "x" }));

        Assert.Equal(RefusalReason.UnknownWorkflow, result.Refusal!.Reason);
        Assert.Contains("'nope'", result.Refusal.Message, StringComparison.Ordinal);
        Assert.Contains("txt2img", result.Refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await rig.Store.ListActiveAsync());
    }

    [Fact]
    public async Task A_value_outside_the_workflows_bounds_is_refused_and_nothing_is_stored()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = new WorkflowCatalog(
        [
            new WorkflowDefinition("txt2img", TemplateFixtures.Load("txt2img.json"))
            {
                Bounds = new Dictionary<WorkflowParameter, ParameterBounds> { [WorkflowParameter.Steps] = new(1, 30) },
            },
        ]);
        await rig.StartServiceAsync();

        var result = await rig.Service.SubmitAsync(new JobSubmission(new JobOwner(1, "m"), [], 555, "TXT2IMG", new() { Prompt = "x", Steps = 40 }));
        var ok = await rig.Service.SubmitAsync(new JobSubmission(new JobOwner(1, "m"), [], 555, "TXT2IMG", new() { Prompt = "x", Steps = 30 }));

        Assert.Equal(RefusalReason.OutOfRange, result.Refusal!.Reason);
        Assert.Equal("steps 40 is outside 1-30 for workflow 'txt2img'.", result.Refusal.Message);
        Assert.Equal("txt2img", ok.Job!.Workflow);
        Assert.Single(await rig.Store.ListActiveAsync());
    }

    [Fact]
    public async Task An_image_for_a_workflow_without_one_is_refused()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();

        var result = await rig.Service.SubmitAsync(new JobSubmission(new JobOwner(1, "m"), [], 555, "txt2img", new() { Prompt = "x" })
        {
            InputImage = new InputImage("in.png", new byte[] { 1, 2, 3 }),
        });

        Assert.Equal(RefusalReason.ImageNotAccepted, result.Refusal!.Reason);
        Assert.Empty(await rig.Store.ListActiveAsync());
    }

    [Fact]
    public async Task Three_members_are_served_in_turn_not_in_arrival_order()
    {
        await using var rig = await JobServiceRig.StartAsync(maxInFlight: 1);
        await rig.StartServiceAsync();
        rig.Service.Pause();
        var a1 = await rig.SubmitAsync(1, "a1");
        var a2 = await rig.SubmitAsync(1, "a2");
        var a3 = await rig.SubmitAsync(1, "a3");
        var b1 = await rig.SubmitAsync(2, "b1");
        var c1 = await rig.SubmitAsync(3, "c1");

        var listing = rig.Service.ListQueue();
        Assert.Equal([a1.Id, b1.Id, c1.Id, a2.Id, a3.Id], listing.Select(e => e.Job.Id));
        Assert.Equal([1, 2, 3, 4, 5], listing.Select(e => e.Position ?? 0));
        Assert.Equal("a1", listing[0].PromptStart);

        rig.Service.Resume();
        foreach (var job in new[] { a1, a2, a3, b1, c1 })
        {
            await rig.WaitForFinalAsync(job.Id);
        }

        Assert.Equal([a1.Id, b1.Id, c1.Id, a2.Id, a3.Id], rig.FinalOrder);
    }

    [Fact]
    public async Task A_failure_names_the_node_and_its_message()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Simulator.FailNode = "KSampler";
        await rig.StartServiceAsync();

        var job = await rig.SubmitAsync(1);
        var final = await rig.WaitForFinalAsync(job.Id);

        Assert.StartsWith("❌ Failed in node", final.Text, StringComparison.Ordinal);
        Assert.Contains("KSampler", final.Text, StringComparison.Ordinal);
        Assert.Equal(JobState.Failed, (await rig.Store.GetAsync(job.Id))!.State);
    }
}
