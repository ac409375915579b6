using System.Globalization;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Tests.Commands;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Results a member can act on (issue 13), end to end: per-image U/V on a batch, follow-up replies that say what they
/// are, the prompt and author on the final reply, Edit &amp; redo through a modal, and Delete.
/// </summary>
public sealed class ResultActionsTests
{
    private const ulong AliceId = 1_300_000_000_000_000_030;

    [Fact]
    public async Task BatchOfFour_GetsV1ToV4_AndV3VariesTheThirdImage_InAReplyThatSaysSoWithALinkBack()
    {
        await using var bed = await BotBed.StartAsync();
        var first = bed.Imagine("four foxes", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 4));
        var reply = await bed.WaitForDoneAsync(first);

        Assert.Equal(["reroll:1", "details:1", "edit:1", "delete:1", "vary:1:1", "vary:1:2", "vary:1:3", "vary:1:4"], reply.Current.CustomIds);
        Assert.Contains("🖌️ “four foxes” by ", reply.Current.Content, StringComparison.Ordinal);

        var click = bed.Click(reply, "vary:1:3");
        var varied = await bed.WaitForDoneAsync(click);

        var link = string.Create(CultureInfo.InvariantCulture, $"https://discord.com/channels/{reply.GuildId}/{reply.ChannelId}/{reply.Id}");
        Assert.Contains($"↪️ Vary of image 3 of #1 by ", varied.Current.Content, StringComparison.Ordinal);
        Assert.Contains(link, varied.Current.Content, StringComparison.Ordinal);
        var job = Assert.Single(await bed.Runtime.Store.ListByOwnerAsync(AliceId, includeFinished: true), j => j.Workflow == "img2img");
        var third = await bed.Runtime.Jobs.GetOutputImageAsync(1, 2);
        var input = await bed.Runtime.Tables.Images.GetInputImageAsync(job.Id);
        Assert.Equal(third!.Content.ToArray(), input!.Content.ToArray());
        Assert.NotEqual((await bed.Runtime.Jobs.GetOutputImageAsync(1, 0))!.Content.ToArray(), input.Content.ToArray());
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task EditAndRedo_OpensAModalWithThePromptAndNegative_AndItsSubmissionQueuesTheEditedJobOnTheSameSeed()
    {
        await using var bed = await BotBed.StartAsync();
        var first = bed.Imagine("a red barn", null, SlashCommandOption.Text("negative", "fog"), SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(first);

        var click = bed.Click(reply, "edit:1");
        var callback = await click.WaitForCallbackAsync().WaitAsync(BotBed.HangGuard);
        Assert.Equal(9, callback.Type);
        var modal = callback.Data!.Value;
        Assert.Equal("edit:1", modal.GetProperty("custom_id").GetString());
        var prefilled = modal.GetProperty("components").EnumerateArray().Select(l => l.GetProperty("component")).ToDictionary(c => c.GetProperty("custom_id").GetString()!, c => c.GetProperty("value").GetString());
        Assert.Equal("a red barn", prefilled["prompt"]);
        Assert.Equal("fog", prefilled["negative"]);

        var submit = bed.Fake.CreateModalSubmit(click, new Dictionary<string, string> { ["prompt"] = "a blue barn", ["negative"] = "" });
        var edited = await bed.WaitForDoneAsync(submit);

        Assert.Contains("✏️ Edit of #1 by ", edited.Current.Content, StringComparison.Ordinal);
        Assert.Contains("🖌️ “a blue barn”", edited.Current.Content, StringComparison.Ordinal);
        var jobs = await bed.Runtime.Store.ListByOwnerAsync(AliceId, includeFinished: true);
        var original = Assert.Single(jobs, j => j.Id == 1);
        var redone = Assert.Single(jobs, j => j.Id != 1);
        Assert.Equal("a blue barn", redone.Parameters.Prompt);
        Assert.Null(redone.Parameters.Negative);
        Assert.Equal(original.Seed, redone.Seed);
        Assert.Equal(2, redone.Parameters.Steps);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Delete_ByAnotherMember_IsRefusedEphemerally_ByTheOwner_RemovesTheReply()
    {
        await using var bed = await BotBed.StartAsync();
        var reply = await bed.WaitForDoneAsync(bed.Imagine("delete me", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1)));

        var refused = await bed.WaitForAnswerAsync(bed.Click(reply, "delete:1", CommandSteps.Bob));
        Assert.True(refused.IsEphemeral);
        Assert.StartsWith("Not yours: job #1 belongs to ", refused.Content, StringComparison.Ordinal);
        Assert.False(reply.IsDeleted);

        var answer = await bed.WaitForAnswerAsync(bed.Click(reply, "delete:1"));
        Assert.True(answer.IsEphemeral);
        Assert.Equal("🗑️ Deleted the result of job #1.", answer.Content);
        Assert.True(reply.IsDeleted);
        Assert.Empty(await bed.Runtime.Tables.Audit.ListAuditAsync());
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Delete_ByAnAdmin_OfAnotherMembersResult_IsWrittenToTheAuditLog()
    {
        var options = new BotBedOptions();
        options.Configuration["ComfyBot:Policy:AdminUserIds:0"] = CommandSteps.AdminId.ToString(CultureInfo.InvariantCulture);
        await using var bed = await BotBed.StartAsync(options);
        var reply = await bed.WaitForDoneAsync(bed.Imagine("not for everyone", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1)));

        var answer = await bed.WaitForAnswerAsync(bed.Click(reply, "delete:1", CommandSteps.Admin));

        Assert.True(answer.IsEphemeral);
        Assert.Contains("written to the audit log", answer.Content, StringComparison.Ordinal);
        Assert.True(reply.IsDeleted);
        var audit = Assert.Single(await bed.Runtime.Tables.Audit.ListAuditAsync());
        Assert.Equal(("delete", "#1", CommandSteps.AdminId), (audit.Action, audit.Target, audit.ActorId));
        Assert.Contains(AliceId.ToString(CultureInfo.InvariantCulture), audit.Detail, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Grid_IsNumbered_AndGridAloneFromSettings_SendsOnlyTheGridWithAllFourUAndVNumbers()
    {
        var options = new BotBedOptions();
        options.Configuration["ComfyBot:Templates:0:Grid"] = "true";
        await using var bed = await BotBed.StartAsync(options);
        var saved = await CommandSteps.RunAsync(bed, "settings", BotBed.Member(AliceId, "Alice"), SlashCommandOption.Text("grid", "grid"));
        Assert.StartsWith("Saved.", saved.Content, StringComparison.Ordinal);

        var reply = await bed.WaitForDoneAsync(bed.Imagine("four at once", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 4)));

        var grid = Assert.Single(reply.Current.Attachments);
        Assert.Contains("grid", grid.Filename, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["vary:1:1", "vary:1:2", "vary:1:3", "vary:1:4"], reply.Current.CustomIds.Where(id => id.StartsWith("vary:", StringComparison.Ordinal)));
        Assert.Empty(bed.Fake.Interactions[^1].Followups);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task BatchOfTwelve_FillsDiscordsFiveRowsOnTheReply_AndItsFollowupCarriesTheButtonsOfImages11And12()
    {
        var options = new BotBedOptions();
        options.Configuration["ComfyBot:Policy:Everyone:MaxBatch"] = "16";
        options.Configuration["ComfyBot:Templates:0:UpscaleWith"] = "img2img";
        await using var bed = await BotBed.StartAsync(options);
        var interaction = bed.Imagine("a dozen", null, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 12));
        var reply = await bed.WaitForDoneAsync(interaction);
        await bed.Fake.WaitForAsync(_ => interaction.Followups.Any(f => f.Current.Attachments.Count > 0)).WaitAsync(BotBed.HangGuard);

        Assert.Equal(5, reply.Current.Components.Count);
        Assert.Equal(
            ["reroll:1", "details:1", "edit:1", "delete:1", .. Enumerable.Range(1, 10).Select(n => $"upscale:1:{n}"), .. Enumerable.Range(1, 10).Select(n => $"vary:1:{n}")],
            reply.Current.CustomIds);
        var followup = Assert.Single(interaction.Followups);
        Assert.Equal(["upscale:1:11", "upscale:1:12", "vary:1:11", "vary:1:12"], followup.Current.CustomIds);

        var upscaled = await bed.WaitForDoneAsync(bed.Click(followup, "upscale:1:12"));

        Assert.Contains("↪️ Upscale of image 12 of #1 by ", upscaled.Current.Content, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"/{followup.ChannelId}/{followup.Id}"), upscaled.Current.Content, StringComparison.Ordinal);
        var job = Assert.Single(await bed.Runtime.Store.ListByOwnerAsync(AliceId, includeFinished: true), j => j.Workflow == "img2img");
        Assert.Equal((await bed.Runtime.Jobs.GetOutputImageAsync(1, 11))!.Content.ToArray(), (await bed.Runtime.Tables.Images.GetInputImageAsync(job.Id))!.Content.ToArray());
        bed.Fake.AssertNoContractViolations();
    }
}
