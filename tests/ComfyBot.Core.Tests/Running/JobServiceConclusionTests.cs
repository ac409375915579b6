using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Tests.Running;

/// <summary>Whatever goes wrong after ComfyUI's success, the member sees a final reply and the job leaves memory.</summary>
public sealed class JobServiceConclusionTests
{
    [Fact]
    public async Task An_answer_from_view_that_is_not_an_image_still_ends_the_job_with_the_reason()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Policy.MaxQueuedPerMember = 1;
        rig.Simulator.ViewAnswersHtml = true;
        await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1);

        var final = await rig.WaitForFinalAsync(job.Id);

        Assert.StartsWith("❌", final.Text, StringComparison.Ordinal);
        Assert.Contains("not an image", final.Text, StringComparison.Ordinal);
        Assert.Empty(final.Images);
        Assert.Equal(ReplyButtons.Reroll | ReplyButtons.Details | ReplyButtons.Edit | ReplyButtons.Delete, final.Buttons);
        Assert.Equal(JobState.Failed, (await rig.Store.GetAsync(job.Id))!.State);
        Assert.Empty(rig.Service.ListQueue());

        // It no longer counts against the member's cap of one.
        rig.Simulator.ViewAnswersHtml = false;
        Assert.StartsWith("✅", (await rig.WaitForFinalAsync((await rig.SubmitAsync(1)).Id)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_write_that_throws_after_the_success_still_delivers_the_images_and_frees_the_member()
    {
        await using var rig = await JobServiceRig.StartAsync();
        rig.Policy.MaxQueuedPerMember = 1;
        await rig.StartServiceAsync();
        await JobServiceAdmissionTests.FailWritesAsync(rig.Store.Path, "UPDATE", "database or disk is full", when: "NEW.state >= 3");
        var job = await rig.SubmitAsync(1);

        await rig.WaitForTextAsync(job.Id, _ => rig.View(job.Id).Calls.Any(c => c.State.IsFinal));
        var final = rig.View(job.Id).Calls.Single(c => c.State.IsFinal).State;

        Assert.StartsWith("✅ Done", final.Text, StringComparison.Ordinal);
        Assert.NotEmpty(final.Images);
        Assert.Contains("could not be saved", final.Text, StringComparison.Ordinal);
        Assert.Empty(rig.Service.ListQueue());
        var refused = await rig.Service.SubmitAsync(new ComfyBot.Core.Running.JobSubmission(new JobOwner(1, "member-1"), [], 555, "txt2img", ComfyBot.Comfy.Templates.WorkflowParameters.None with { Prompt = "again", Steps = 4 }));
        Assert.True(refused.IsQueued, refused.Refusal?.Message);

        // The delivery's own end (it cannot mark a final the store refused) fails nothing: stopping the service, which
        // waits for it, neither throws nor leaves an error of background work behind.
        await rig.Service.DisposeAsync();
        Assert.DoesNotContain(rig.Errors, line => line.StartsWith("Background work of the job service failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_success_recovered_at_start_whose_images_are_not_images_is_delivered_with_the_reason()
    {
        await using var rig = await JobServiceRig.StartAsync();
        var first = await rig.StartServiceAsync();
        var job = await rig.SubmitAsync(1);
        await rig.WaitForFinalAsync(job.Id);
        await first.DisposeAsync();

        // Stored as a success not yet delivered, as a crash between the store and the send leaves it.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={rig.Store.Path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE jobs SET final_delivered = 0 WHERE id = {job.Id};";
            await command.ExecuteNonQueryAsync();
        }

        rig.ForgetViews();
        rig.Simulator.ViewAnswersHtml = true;
        await rig.StartServiceAsync();

        var final = await rig.WaitForFinalAsync(job.Id);
        Assert.StartsWith("❌", final.Text, StringComparison.Ordinal);
        Assert.Contains("not an image", final.Text, StringComparison.Ordinal);
    }
}
