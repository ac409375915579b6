namespace ComfyBot.Core.Tests.Running;

public sealed class JobServiceOutputImageTests
{
    [Fact]
    public async Task A_result_is_fetched_again_and_runs_as_the_input_of_a_follow_up()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Workflows = JobServiceInputImageTests.ImageWorkflows();
        await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1);
        var final = await rig.WaitForFinalAsync(job.Id);

        var second = await rig.Service.GetOutputImageAsync(job.Id, 1);

        Assert.NotNull(second);
        Assert.Equal(final.Images[1].FileName, second.FileName);
        Assert.Equal(final.Images[1].Content.ToArray(), second.Content.ToArray());

        var upscale = await rig.Service.SubmitAsync(JobServiceInputImageTests.Img2Img(1, second));
        Assert.StartsWith("✅ Done", (await rig.WaitForFinalAsync(upscale.Job!.Id)).Text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(rig.Simulator.DataDirectory, "input", second.FileName)));
    }

    [Fact]
    public async Task Missing_jobs_images_and_files_give_null()
    {
        await using var rig = await JobServiceRig.StartAsync();
        await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1);
        await rig.WaitForFinalAsync(job.Id);
        rig.Service.Pause();
        var waiting = await rig.SubmitAsync(2);

        Assert.Null(await rig.Service.GetOutputImageAsync(job.Id, 2));
        Assert.Null(await rig.Service.GetOutputImageAsync(job.Id, -1));
        Assert.Null(await rig.Service.GetOutputImageAsync(9999, 0));
        Assert.Null(await rig.Service.GetOutputImageAsync(waiting.Id, 0));

        var stored = await rig.Store.GetAsync(job.Id);
        var first = stored!.Outputs.First(o => o.Kind == "images" && o.File.Type == "output").File;
        File.Delete(Path.Combine(rig.Simulator.DataDirectory, "output", first.Subfolder, first.Filename));
        Assert.Null(await rig.Service.GetOutputImageAsync(job.Id, 0));
    }
}
