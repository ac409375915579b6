using ComfyBot.Cli;

namespace ComfyBot.Tests.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_PrintsEachReplyStateInOrder_ABatchWithItsPerImageButtons_AndV2sReply_AndSavesTheImages()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "comfybot-demo-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = await CliRun.ExecuteAsync("demo", "a lighthouse", "--seed", "7", "--out", outDir);

            Assert.True(run.Code == ExitCode.Success, run.Errors + run.Output);
            var queued = run.Output.IndexOf("⏳ Queued: #1 in line (1 ahead)", StringComparison.Ordinal);
            var step = run.Output.IndexOf("🎨 KSampler · step ", StringComparison.Ordinal);
            var done = run.Output.IndexOf("✅ Done: 4 images · seed 7", StringComparison.Ordinal);
            var buttons = run.Output.IndexOf("[V1] [V2] [V3] [V4]", StringComparison.Ordinal);
            var click = run.Output.IndexOf("alice clicks V2", StringComparison.Ordinal);
            var varied = run.Output.IndexOf("↪️ Vary of image 2 of #1 by ", StringComparison.Ordinal);
            Assert.True(queued >= 0 && step > queued && done > step && buttons > done && click > buttons && varied > click, run.Output);
            Assert.Matches(@"step \d+/12 [█░]{12}", run.Output);
            Assert.Contains("[preview.", run.Output, StringComparison.Ordinal);
            Assert.Contains("[Re-roll] [Details] [Edit & redo] [Delete]", run.Output, StringComparison.Ordinal);
            var images = Directory.GetFiles(outDir, "*.png");
            Assert.Equal(6, images.Length);
            Assert.Single(images, i => i.EndsWith("grid.png", StringComparison.Ordinal));
            Assert.All(images, image => Assert.Contains(image, run.Output, StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }
}
