using ComfyBot.Core.Jobs;

namespace ComfyBot.Core.Tests.Jobs;

public sealed class JobTests
{
    private static readonly Job Sample = new()
    {
        Id = 123,
        State = JobState.Running,
        Owner = new JobOwner(5, "Zoë"),
        ChannelId = 7,
        Workflow = "txt2img",
        Backend = "gpu-1",
        ChatTarget = "{\"token\":\"aW50ZXJhY3Rpb246c2VjcmV0\"}",
    };

    [Fact]
    public void ToString_NeverShowsTheChatTarget()
    {
        var text = Sample.ToString();

        Assert.DoesNotContain("aW50ZXJhY3Rpb246c2VjcmV0", text, StringComparison.Ordinal);
        Assert.Equal("Job #123 (Running, txt2img, Zoë 5, on gpu-1)", text);
    }

    [Fact]
    public void NeedsAttention_UntilFinalAndDelivered()
    {
        Assert.True(Sample.NeedsAttention);
        Assert.True((Sample with { State = JobState.Failed }).NeedsAttention);
        Assert.False((Sample with { State = JobState.Failed, FinalDelivered = true }).NeedsAttention);
        Assert.True((Sample with { State = JobState.Cancelled }).IsFinal);
        Assert.False(Sample.IsFinal);
    }

    [Fact]
    public void DisplayId_IsHashAndNumber() => Assert.Equal("#123", Sample.DisplayId);
}
