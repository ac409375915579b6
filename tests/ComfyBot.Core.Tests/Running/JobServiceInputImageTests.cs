using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Core.Running;
using ComfyBot.Core.Tests.Backends;
using ComfyBot.Core.Tests.Images;
using ComfyBot.Core.Workflows;
using SkiaSharp;

namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceInputImageTests
{
    internal static WorkflowCatalog ImageWorkflows(bool grid = false) => new(
    [
        new WorkflowDefinition("txt2img", TemplateFixtures.Load("txt2img.json")) { UpscaleWith = "img2img", VaryWith = "img2img", Grid = grid },
        new WorkflowDefinition("img2img", TemplateFixtures.Load("img2img.json")),
        new WorkflowDefinition("fail", TemplateFixtures.Load("fail.json")),
    ]);

    internal static JobSubmission Img2Img(ulong member, InputImage? image) =>
        new(new JobOwner(member, $"member-{member}"), [], 555, "img2img", new() { Prompt = "as a watercolor", Steps = 4 }) { InputImage = image };

    [Fact]
    public async Task An_input_image_is_uploaded_to_the_backend_and_the_job_runs_on_it()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = ImageWorkflows();
        await rig.StartServiceAsync();
        var png = TestImages.SolidPng(64, 64, SKColors.OrangeRed);

        var result = await rig.Service.SubmitAsync(Img2Img(1, new InputImage("fox-upload.png", png)));
        var final = await rig.WaitForFinalAsync(result.Job!.Id);

        Assert.StartsWith("✅ Done", final.Text, StringComparison.Ordinal);
        var uploaded = Path.Combine(rig.Simulator.DataDirectory, "input", "fox-upload.png");
        Assert.True(File.Exists(uploaded), "the simulator's input folder has no fox-upload.png");
        Assert.Equal(png, await File.ReadAllBytesAsync(uploaded));

        // The stored parameters stay as the member gave them: every attempt uploads again and sets the name then.
        Assert.Null((await rig.Store.GetAsync(result.Job.Id))!.Parameters.Image);
    }

    [Fact]
    public async Task A_workflow_that_needs_an_image_refuses_a_request_without_one()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = ImageWorkflows();
        await rig.StartServiceAsync();

        var result = await rig.Service.SubmitAsync(Img2Img(1, null));

        Assert.Equal(RefusalReason.ImageRequired, result.Refusal!.Reason);
        Assert.Empty(await rig.Store.ListActiveAsync());
    }

    [Fact]
    public async Task A_job_refused_by_one_backend_uploads_its_image_again_to_the_next()
    {
        await using var rig = await JobServiceRig.StartAsync(backends: 2);
        rig.Workflows = ImageWorkflows();
        await rig.Simulators[0].DisposeAsync();
        await rig.StartServiceAsync();
        var png = TestImages.SolidPng(48, 48, SKColors.Teal);

        var result = await rig.Service.SubmitAsync(Img2Img(1, new InputImage("moved-input.png", png)));

        Assert.StartsWith("✅ Done", (await rig.WaitForFinalAsync(result.Job!.Id)).Text, StringComparison.Ordinal);
        Assert.Contains(rig.View(result.Job.Id).Texts, t => t.Contains("GPU server offline, your job is kept", StringComparison.Ordinal));
        Assert.Equal("gpu-2", (await rig.Store.GetAsync(result.Job.Id))!.Backend);
        Assert.Equal(png, await File.ReadAllBytesAsync(Path.Combine(rig.Simulators[1].DataDirectory, "input", "moved-input.png")));
    }
}
