using System.Text.RegularExpressions;
using ComfyBot.Tests.Commands;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue test 6: an admin's listing of every member's jobs, paged with its buttons, and a member who is not an admin
/// refused, both for the command (FakeDiscord sends it whatever default_member_permissions says) and for the buttons.
/// </summary>
public sealed partial class AdminQueueTests
{
    [Fact]
    public async Task AdminQueue_TwelveJobsOfThreeMembers_ListsThemOnTwoPagesWithWorkingButtons()
    {
        await using var bed = await CommandSteps.StartAsync(maxQueuedPerMember: 5);
        var members = new[] { CommandSteps.Alice, CommandSteps.Bob, CommandSteps.Carol };
        for (var round = 1; round <= 4; round++)
        {
            foreach (var member in members)
            {
                await CommandSteps.ImagineAsync(bed, member, $"{member.User!.Username} {round} a lighthouse at dusk, oil on canvas, with a very long prompt");
            }
        }

        // The first job holds the only slot at its first step; under load it may still be on its way there.
        await bed.Fake.WaitForAsync(_ => bed.Runtime.Jobs.ListQueue().Any(e => e.Job.State == ComfyBot.Core.Jobs.JobState.Running)).WaitAsync(BotBed.HangGuard);
        var expected = bed.Runtime.Jobs.ListQueue();
        Assert.Equal(12, expected.Count);

        var listing = await CommandSteps.AdminQueueAsync(bed, CommandSteps.Admin);
        var first = listing.Current;
        Assert.True(first.IsEphemeral);
        Assert.StartsWith("**Queue** · 1 on GPU servers, 11 waiting · page 1/2", first.Content, StringComparison.Ordinal);
        var page1 = CommandSteps.JobLines(first);
        Assert.Equal(10, page1.Count);
        Assert.Matches(JobLine(expected[0].Job.Id, "🎨 running on gpu-1", "alice", "alice 1 a lighthouse at dusk, oil on can…"), page1[0]);
        for (var i = 1; i < 10; i++)
        {
            var job = expected[i].Job;
            Assert.Matches(JobLine(job.Id, $"⏳ #{i} of 11 waiting", job.Owner.DisplayName, null), page1[i]);
        }

        Assert.Equal(["admin-queue:0", "admin-queue:1", "admin-queue:2"], first.CustomIds);
        Assert.True(CommandSteps.IsDisabled(first, "admin-queue:0"));
        Assert.False(CommandSteps.IsDisabled(first, "admin-queue:2"));

        var next = bed.Click(listing, "admin-queue:2", CommandSteps.Admin);
        Assert.Equal(6, (await next.WaitForCallbackAsync().WaitAsync(BotBed.HangGuard)).Type);
        await bed.Fake.WaitForAsync(_ => listing.Current.Content.Contains("page 2/2", StringComparison.Ordinal)).WaitAsync(BotBed.HangGuard);
        var second = listing.Current;
        var page2 = CommandSteps.JobLines(second);
        Assert.Equal(2, page2.Count);
        Assert.Matches(JobLine(expected[10].Job.Id, "⏳ #10 of 11 waiting", expected[10].Job.Owner.DisplayName, null), page2[0]);
        Assert.Matches(JobLine(expected[11].Job.Id, "⏳ #11 of 11 waiting", expected[11].Job.Owner.DisplayName, null), page2[1]);
        Assert.Equal(["admin-queue:1", "admin-queue:2", "admin-queue:3"], second.CustomIds);
        Assert.True(CommandSteps.IsDisabled(second, "admin-queue:3"));
        Assert.True(second.IsEphemeral);

        bed.Click(listing, "admin-queue:1", CommandSteps.Admin);
        await bed.Fake.WaitForAsync(_ => listing.Current.Content.Contains("page 1/2", StringComparison.Ordinal)).WaitAsync(BotBed.HangGuard);
        // The same lines again, but for each job's age in whole seconds, which may tick between the two renders.
        Assert.Equal(page1.Select(WithoutAge), CommandSteps.JobLines(listing.Current).Select(WithoutAge));

        // Every job of every member shows up exactly once across the two pages.
        var listed = page1.Concat(page2).Select(l => long.Parse(IdOf().Match(l).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected.Select(e => e.Job.Id), listed);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task AdminQueue_NonAdmin_IsRefusedForTheCommandAndTheButtonsAndNothingChanges()
    {
        await using var bed = await CommandSteps.StartAsync();
        await CommandSteps.ImagineAsync(bed, CommandSteps.Alice, "a lighthouse");

        // FakeDiscord delivers the command whatever default_member_permissions says, as a modified client could.
        var refused = await CommandSteps.AdminAsync(bed, CommandSteps.Bob, "queue");
        Assert.True(refused.IsEphemeral);
        Assert.StartsWith("Only ComfyBot admins can use /comfy-admin queue: members with the role <@&1300000000000000950> and <@1300000000000000900>.", refused.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("a lighthouse", refused.Content, StringComparison.Ordinal);
        Assert.Empty(refused.Components);

        // A member with an admin role is an admin, checked on the server from the interaction's roles.
        var byRole = await CommandSteps.AdminAsync(bed, BotBed.Member(1_300_000_000_000_000_104, "dana", CommandSteps.AdminRoleId), "queue");
        Assert.Contains("“a lighthouse”", byRole.Content, StringComparison.Ordinal);

        var listing = await CommandSteps.AdminQueueAsync(bed, CommandSteps.Admin);
        var before = listing.Current.Version;
        var click = bed.Click(listing, "admin-queue:1", CommandSteps.Bob);
        var answer = await bed.WaitForAnswerAsync(click);
        Assert.Equal(4, click.Callback!.Type);
        Assert.True(answer.IsEphemeral);
        Assert.StartsWith("Only ComfyBot admins can use the admin queue's buttons:", answer.Content, StringComparison.Ordinal);
        Assert.Equal(before, listing.Current.Version);
        bed.Fake.AssertNoContractViolations();
    }

    private static string JobLine(long id, string where, string member, string? prompt) =>
        $"^`#{id}` {Regex.Escape(where)} · \\*\\*{member}\\*\\* · <#\\d+> · txt2img · \\d+s · “{(prompt is null ? ".*" : Regex.Escape(prompt))}”$";

    private static string WithoutAge(string line) => Age().Replace(line, " · Ns · ");

    [GeneratedRegex(" · \\d+s · ")]
    private static partial Regex Age();

    [GeneratedRegex("^`#(\\d+)`")]
    private static partial Regex IdOf();
}
