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
        Assert.Equal(
            "⏳ Queued: #300 in line (299 ahead) · as of <t:1765101600:R>",
            ProgressView.Queued(300, 299, null, DateTimeOffset.FromUnixTimeSeconds(1765101600)));
    }

    [Fact]
    public void Running_ShowsNodeStepBarAndElapsed()
    {
        var running = new JobRunning("p", "3", "KSampler", 5, 20, 0.5, null, []);

        Assert.Equal("🎨 KSampler · step 5/20 ███░░░░░░░░░ 25% · 4.2s", ProgressView.Running(running, TimeSpan.FromSeconds(4.2)));
    }

    /// <summary>
    /// Issue 10, defect 8: the bar showed the node's steps and the percentage a share of the prompt's nodes, so a
    /// seven-node prompt read "step 2/20 █░░░░░░░░░░░ 59% overall", and 57% before its first step. Both now show the
    /// running node's steps.
    /// </summary>
    [Theory]
    [InlineData(2, 20, 0.59, "step 2/20 █░░░░░░░░░░░ 10%")]
    [InlineData(0, 20, 0.57, "step 0/20 ░░░░░░░░░░░░ 0%")]
    [InlineData(12, 20, 0.09, "step 12/20 ███████░░░░░ 60%")]
    [InlineData(19, 20, 0.95, "step 19/20 ███████████░ 95%")]
    [InlineData(20, 20, 0.99, "step 20/20 ████████████ 100%")]
    public void Running_BarAndPercentageShowTheSameSteps_NotAShareOfTheNodes(int step, int steps, double nodesDone, string expected)
    {
        var running = new JobRunning("p", "3", "KSampler", step, steps, nodesDone, null, []);

        Assert.Equal($"🎨 KSampler · {expected} · 1.0s", ProgressView.Running(running, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Running_ANodeWithoutSteps_ShowsNeitherBarNorPercentage()
    {
        var running = new JobRunning("p", "8", "VAE Decode", 0, 0, 0.71, null, []);

        Assert.Equal("🎨 VAE Decode · 1 image ready · 2.5s", ProgressView.Running(running with { Outputs = [new ComfyBot.Comfy.OutputFile("9", "images", new ComfyBot.Comfy.ComfyFile("a.png", "", "output"))] }, TimeSpan.FromSeconds(2.5)));
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
