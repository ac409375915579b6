using ComfyBot.Core.Store;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Tests.Commands;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>/settings, end to end: stored per member, shown, applied to /imagine where an option is left out, never silently.</summary>
public sealed class SettingsTests
{
    private const ulong AliceId = 1_300_000_000_000_000_030;

    private static readonly InteractionOrigin Alice = BotBed.Member(AliceId, "Alice");

    [Fact]
    public async Task Settings_AreStoredAndShown_AppliedWhereAnOptionIsLeftOut_AndAnExplicitOptionWins()
    {
        await using var bed = await BotBed.StartAsync();
        var none = await CommandSteps.RunAsync(bed, "settings", Alice);
        Assert.True(none.IsEphemeral);
        Assert.StartsWith("You have no defaults", none.Content, StringComparison.Ordinal);

        var saved = await CommandSteps.RunAsync(bed, "settings", Alice, SlashCommandOption.WholeNumber("steps", 3), SlashCommandOption.Text("ar", "2:1"), SlashCommandOption.Text("negative", "blur"));
        Assert.StartsWith("Saved. Your defaults for /imagine", saved.Content, StringComparison.Ordinal);
        var shown = await CommandSteps.RunAsync(bed, "settings", Alice);
        Assert.Contains("• steps: 3\n", shown.Content, StringComparison.Ordinal);
        Assert.Contains("• ar: 2:1\n", shown.Content, StringComparison.Ordinal);
        Assert.Contains("• negative: blur\n", shown.Content, StringComparison.Ordinal);
        Assert.Equal(new MemberSettings { Steps = 3, AspectRatio = "2:1", Negative = "blur" }, await bed.Runtime.Tables.Settings.GetSettingsAsync(AliceId));

        var defaulted = await bed.WaitForDoneAsync(bed.Imagine("wide", Alice, SlashCommandOption.WholeNumber("batch", 1)));
        Assert.Contains("⚙️ Your defaults (/settings): negative, steps 3, ar 2:1.", defaulted.Current.Content, StringComparison.Ordinal);
        var explicitSteps = await bed.WaitForDoneAsync(bed.Imagine("wide again", Alice, SlashCommandOption.WholeNumber("batch", 1), SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.Text("negative", "rain")));
        Assert.Contains("⚙️ Your defaults (/settings): ar 2:1.", explicitSteps.Current.Content, StringComparison.Ordinal);

        var jobs = await bed.Runtime.Store.ListByOwnerAsync(AliceId, includeFinished: true);
        var first = Assert.Single(jobs, j => j.Parameters.Prompt == "wide");
        Assert.Equal((3, "blur"), (first.Parameters.Steps, first.Parameters.Negative));
        Assert.True(first.Parameters.Width > 1.5 * first.Parameters.Height, $"{first.Parameters.Width}x{first.Parameters.Height} is not about 2:1");
        var second = Assert.Single(jobs, j => j.Parameters.Prompt == "wide again");
        Assert.Equal((2, "rain"), (second.Parameters.Steps, second.Parameters.Negative));

        var reset = await CommandSteps.RunAsync(bed, "settings", Alice, SlashCommandOption.Text("reset", "all"));
        Assert.Contains("You have no defaults", reset.Content, StringComparison.Ordinal);
        Assert.Equal(MemberSettings.None, await bed.Runtime.Tables.Settings.GetSettingsAsync(AliceId));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task DefaultsThatNoLongerFit_AreReportedInTheReplyAndBySettings_NotSilentlyDropped()
    {
        await using var bed = await BotBed.StartAsync();
        // As if an admin removed the workflow, and lowered the steps bound, after the member chose them.
        await bed.Runtime.Tables.Settings.SaveSettingsAsync(AliceId, new MemberSettings { Workflow = "retired", Steps = 40 });

        var reply = await bed.WaitForDoneAsync(bed.Imagine("still works", Alice, SlashCommandOption.WholeNumber("batch", 1)));

        Assert.Contains("⚠️ Your default workflow 'retired' is no longer configured, so 'txt2img' ran", reply.Current.Content, StringComparison.Ordinal);
        Assert.Contains("⚠️ Your default steps 40 are outside 1-30 for workflow 'txt2img', so its own steps ran", reply.Current.Content, StringComparison.Ordinal);
        var job = Assert.Single(await bed.Runtime.Store.ListByOwnerAsync(AliceId, includeFinished: true));
        Assert.Equal("txt2img", job.Workflow);
        Assert.Null(job.Parameters.Steps);

        var shown = await CommandSteps.RunAsync(bed, "settings", Alice);
        Assert.Contains("• workflow: retired ⚠️ no longer configured", shown.Content, StringComparison.Ordinal);
        Assert.Contains("• steps: 40 ⚠️ Your default steps 40 are outside 1-30", shown.Content, StringComparison.Ordinal);
        var refused = await CommandSteps.RunAsync(bed, "settings", Alice, SlashCommandOption.Text("workflow", "nope"));
        Assert.StartsWith("There is no workflow named 'nope'", refused.Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task PrivateReplies_AreEphemeral_FromTheFirstAnswerToTheFinalImages()
    {
        await using var bed = await BotBed.StartAsync();
        await CommandSteps.RunAsync(bed, "settings", Alice, SlashCommandOption.Boolean("private", true));

        var interaction = bed.Imagine("just for me", Alice, SlashCommandOption.WholeNumber("steps", 2), SlashCommandOption.WholeNumber("batch", 1));
        var reply = await bed.WaitForDoneAsync(interaction);

        var defer = await interaction.WaitForCallbackAsync();
        Assert.Equal(5, defer.Type);
        Assert.True(reply.Current.IsEphemeral);
        Assert.Single(reply.Current.Attachments);
        Assert.DoesNotContain(reply.Current.CustomIds, id => id.StartsWith("delete:", StringComparison.Ordinal));
        bed.Fake.AssertNoContractViolations();
    }
}
