using ComfyBot.Core.Jobs;
using ComfyBot.Core.Running;
using ComfyBot.Discord.Messages;
using ComfyBot.SlashCommands.Admin;

namespace ComfyBot.Tests.Commands;

/// <summary>The admin listing's pages and buttons.</summary>
public sealed class AdminQueuePageTests
{
    [Fact]
    public void Render_EmptyQueue_SaysSoWithBothDirectionsDisabled()
    {
        var body = AdminQueuePage.Render([], 1, paused: true);
        Assert.Equal("**Queue** · 0 on GPU servers, 0 waiting · ⏸️ paused · page 1/1\nNo jobs are waiting or running.", body.Content);
        Assert.Equal([true, false, true], Buttons(body).Select(b => b.Disabled));
        Assert.Equal(["admin-queue:0", "admin-queue:1", "admin-queue:2"], Buttons(body).Select(b => b.CustomId));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(9, 3)]
    public void Render_ClampsThePageToThoseThereAre(int asked, int shown)
    {
        var queue = Enumerable.Range(1, 25).Select(i => QueueTextTests.Entry(JobState.Waiting, i, null, id: i)).ToList();
        var body = AdminQueuePage.Render(queue, asked, paused: false);
        Assert.Contains($"page {shown}/3", body.Content, StringComparison.Ordinal);
        var lines = body.Content!.Split('\n').Skip(1).ToList();
        Assert.Equal(shown == 3 ? 5 : 10, lines.Count);
        Assert.StartsWith($"`#{((shown - 1) * 10) + 1}` ⏳ #{((shown - 1) * 10) + 1} of 25 waiting", lines[0], StringComparison.Ordinal);
        Assert.Equal(shown == 1, Buttons(body)[0].Disabled);
        Assert.Equal(shown == 3, Buttons(body)[2].Disabled);
    }

    [Fact]
    public void Render_TenLongEntries_StaysWithinDiscordsContentLimit()
    {
        var name = new string('n', 32);
        var queue = Enumerable.Range(1, 10)
            .Select(i => new QueueEntry(i, QueueTextTests.Job(long.MaxValue - i, JobState.Waiting, null, new string('*', 500), name) with { Workflow = new string('w', 64) }, TimeSpan.FromDays(3), string.Empty))
            .ToList();
        var body = AdminQueuePage.Render(queue, 1, paused: true);
        Assert.True(body.Content!.Length <= 2000, $"{body.Content.Length} characters");
        Assert.Equal(10, body.Content.Split('\n').Count(l => l.StartsWith("`#", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_EscapesStarsInMemberNames()
    {
        var body = AdminQueuePage.Render([QueueTextTests.Entry(JobState.Running, null, "gpu-1", owner: "**boss**")], 1, paused: false);
        Assert.Contains(" · **\\*\\*boss\\*\\*** · ", body.Content, StringComparison.Ordinal);
    }

    private static List<Button> Buttons(MessageBody body) => [.. body.Components!.Single().Components.Cast<Button>()];
}
