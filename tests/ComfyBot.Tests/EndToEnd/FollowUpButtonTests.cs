using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>Re-roll and Vary: a click defers, and its fresh token carries the new job's reply; an image attached to /imagine feeds img2img.</summary>
public sealed class FollowUpButtonTests
{
    [Fact]
    public async Task RerollButton_RunsTheSameOptionsWithANewSeed_InTheClicksOwnReply()
    {
        await using var bed = await BotBed.StartAsync();
        var first = bed.Imagine("again please", null, SlashCommandOption.WholeNumber("seed", 5), SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(first);

        var click = bed.Click(reply, BotBed.Button(reply, "reroll"));
        var rerolled = await bed.WaitForDoneAsync(click);

        Assert.Equal(5, (await click.WaitForCallbackAsync()).Type);
        Assert.StartsWith("✅ Done: 1 image · seed ", rerolled.Current.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("seed 5 ", rerolled.Current.Content, StringComparison.Ordinal);
        Assert.Single(rerolled.Current.Attachments);
        Assert.NotEqual(reply.Id, rerolled.Id);
        Assert.Single(reply.History, s => BotBed.IsFinal(s.Content));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task VaryButton_RunsTheFollowUpWorkflowOnTheJobsImage()
    {
        await using var bed = await BotBed.StartAsync();
        var first = bed.Imagine("vary me", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(first);

        var click = bed.Click(reply, BotBed.Button(reply, "vary"));
        var varied = await bed.WaitForDoneAsync(click);

        Assert.StartsWith("✅ Done", varied.Current.Content, StringComparison.Ordinal);
        Assert.NotEmpty(varied.Current.Attachments);
        var job = Assert.Single(await bed.Runtime.Store.ListByOwnerAsync(1_300_000_000_000_000_030, includeFinished: true), j => j.Workflow == "img2img");
        Assert.Equal("vary me", job.Parameters.Prompt);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_WithAttachedImage_RunsImg2ImgOnIt()
    {
        await using var bed = await BotBed.StartAsync();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

        var interaction = bed.Imagine("redraw this", null, SlashCommandOption.Text("workflow", "img2img"), SlashCommandOption.File("image", "photo.png", "image/png", png));
        FakeMessage reply = await bed.WaitForDoneAsync(interaction);

        Assert.StartsWith("✅ Done", reply.Current.Content, StringComparison.Ordinal);
        var job = Assert.Single(await bed.Runtime.Store.ListByOwnerAsync(1_300_000_000_000_000_030, includeFinished: true));
        Assert.Equal("img2img", job.Workflow);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task RerollButton_OnAnImg2ImgJob_RunsAgainOnTheSameInputImage()
    {
        await using var bed = await BotBed.StartAsync();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var first = bed.Imagine("redraw this", null, SlashCommandOption.Text("workflow", "img2img"), SlashCommandOption.File("image", "photo.png", "image/png", png));
        var reply = await bed.WaitForDoneAsync(first);

        var click = bed.Click(reply, BotBed.Button(reply, "reroll"));
        var rerolled = await bed.WaitForDoneAsync(click);

        Assert.StartsWith("✅ Done", rerolled.Current.Content, StringComparison.Ordinal);
        var jobs = await bed.Runtime.Store.ListByOwnerAsync(1_300_000_000_000_000_030, includeFinished: true);
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("img2img", j.Workflow));
        foreach (var job in jobs)
        {
            Assert.Equal(png, (await bed.Runtime.Tables.Images.GetInputImageAsync(job.Id))!.Content.ToArray());
        }

        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task RerollButton_OnAnImg2ImgJob_StoresTheInputImageOnce()
    {
        await using var bed = await BotBed.StartAsync();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var first = bed.Imagine("redraw this", null, SlashCommandOption.Text("workflow", "img2img"), SlashCommandOption.File("image", "photo.png", "image/png", png));
        var reply = await bed.WaitForDoneAsync(first);
        for (var i = 0; i < 2; i++)
        {
            reply = await bed.WaitForDoneAsync(bed.Click(reply, BotBed.Button(reply, "reroll")));
        }

        var jobs = await bed.Runtime.Store.ListByOwnerAsync(1_300_000_000_000_000_030, includeFinished: true);
        Assert.Equal(3, jobs.Count);
        Assert.Equal(1, await bed.Runtime.Tables.Images.CountImagesAsync());
        foreach (var job in jobs)
        {
            Assert.Equal(png, (await bed.Runtime.Tables.Images.GetInputImageAsync(job.Id))!.Content.ToArray());
        }

        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_ImageWorkflowWithoutImage_IsRefusedEphemerally()
    {
        await using var bed = await BotBed.StartAsync();

        var interaction = bed.Imagine("nothing attached", null, SlashCommandOption.Text("workflow", "img2img"));
        var answer = await bed.WaitForAnswerAsync(interaction);

        Assert.True(answer.IsEphemeral);
        Assert.Contains("attach one with the image option", answer.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }
}
