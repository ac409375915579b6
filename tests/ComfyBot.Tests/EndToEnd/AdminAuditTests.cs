using ComfyBot.Tests.Commands;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue 13: /comfy-admin audit reads the audit trail the store kept with no way to see it: admin actions, newest
/// first, ten to a page with the queue listing's paging buttons; refused to members who are not admins.
/// </summary>
public sealed class AdminAuditTests
{
    [Fact]
    public async Task Audit_ShowsAdminActionsNewestFirst_OnPagesWithWorkingButtons_AndOnlyToAdmins()
    {
        await using var bed = await ModerationSteps.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "pause");
            await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "resume");
        }

        await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "clear");
        await CommandSteps.AdminAsync(bed, CommandSteps.Admin, "ban", FakeDiscord.Interactions.SlashCommandOption.Member("member", CommandSteps.Bob.User!), FakeDiscord.Interactions.SlashCommandOption.Text("reason", "spam"));

        var interaction = bed.Fake.CreateSlashCommand("comfy-admin", [FakeDiscord.Interactions.SlashCommandOption.SubCommand("audit")], CommandSteps.Admin);
        var first = await bed.WaitForAnswerAsync(interaction);
        var listing = interaction.OriginalMessage!;
        Assert.True(first.IsEphemeral);
        var lines = ModerationSteps.Lines(first);
        Assert.Equal("**Audit trail** · 12 entries, newest first · page 1/2", lines[0]);
        Assert.Equal(11, lines.Count);
        Assert.EndsWith($"<@{CommandSteps.AdminId}> **ban** <@{CommandSteps.Bob.User!.Id}> · spam", lines[1], StringComparison.Ordinal);
        Assert.EndsWith($"<@{CommandSteps.AdminId}> **clear** · 0 jobs", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("**resume** · 0 waiting", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("**pause** · 0 waiting", lines[4], StringComparison.Ordinal);
        Assert.Equal(["admin-audit:0", "admin-audit:1", "admin-audit:2"], first.CustomIds);
        Assert.True(CommandSteps.IsDisabled(first, "admin-audit:0"));

        bed.Click(listing, "admin-audit:2", CommandSteps.Admin);
        await bed.Fake.WaitForAsync(_ => listing.Current.Content.Contains("page 2/2", StringComparison.Ordinal)).WaitAsync(BotBed.HangGuard);
        var second = ModerationSteps.Lines(listing.Current);
        Assert.Equal(3, second.Count);
        Assert.EndsWith("**resume** · 0 waiting", second[1], StringComparison.Ordinal);
        Assert.EndsWith("**pause** · 0 waiting", second[2], StringComparison.Ordinal);
        Assert.True(CommandSteps.IsDisabled(listing.Current, "admin-audit:3"));

        var refused = await CommandSteps.AdminAsync(bed, CommandSteps.Bob, "audit");
        Assert.StartsWith("Only ComfyBot admins can use /comfy-admin audit:", refused.Content, StringComparison.Ordinal);
        var click = bed.Click(listing, "admin-audit:1", CommandSteps.Carol);
        Assert.StartsWith("Only ComfyBot admins can use the audit trail's buttons:", (await bed.WaitForAnswerAsync(click)).Content, StringComparison.Ordinal);
        bed.Fake.AssertNoContractViolations();
    }
}
