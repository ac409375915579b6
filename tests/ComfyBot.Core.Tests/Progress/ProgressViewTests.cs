using ComfyBot.Comfy.Tracking;
using ComfyBot.Core.Progress;

namespace ComfyBot.Core.Tests.Progress;

public sealed class ProgressViewTests
{
    [Fact]
    public void Queued_CountsWhatIsAhead_AndTheEstimate()
    {
        Assert.Equal("⏳ Queued: #1 in line", ProgressView.Queued(1, 0));
        Assert.Equal("⏳ Queued: #3 in line (4 ahead), starts in about 1m 05s", ProgressView.Queued(3, 4, TimeSpan.FromSeconds(65)));
    }

    [Fact]
    public void Running_ShowsNodeStepBarAndElapsed()
    {
        var running = new JobRunning("p", "3", "KSampler", 5, 20, 0.5, null, []);

        Assert.Equal("🎨 KSampler · step 5/20 ███░░░░░░░░░ 50% overall · 4.2s", ProgressView.Running(running, TimeSpan.FromSeconds(4.2)));
    }

    [Fact]
    public void Ended_NamesTheFailingNodeAndItsMessage()
    {
        var failed = new JobFailed("p", "9", "Upscale", "ImageScale", "RuntimeError", "CUDA out of memory\n");

        Assert.Equal("❌ Failed in node 9 (Upscale): RuntimeError: CUDA out of memory", ProgressView.Ended(failed));
    }

    [Theory]
    [InlineData(0.0, "░░░░░░░░░░░░")]
    [InlineData(0.5, "██████░░░░░░")]
    [InlineData(1.5, "████████████")]
    [InlineData(double.NaN, "░░░░░░░░░░░░")]
    public void Bar_IsClampedToItsWidth(double fraction, string expected) => Assert.Equal(expected, ProgressBar.Render(fraction));

    [Fact]
    public void Identity_IgnoresTheClockButNotTheStep()
    {
        var a = new JobRunning("p", "3", "KSampler", 5, 20, 0.5, null, []);

        Assert.Equal(ProgressView.Identity(a), ProgressView.Identity(a with { Preview = new PreviewImage(new byte[] { 1 }, "image/jpeg") }));
        Assert.NotEqual(ProgressView.Identity(a), ProgressView.Identity(a with { Step = 6 }));
    }
}
