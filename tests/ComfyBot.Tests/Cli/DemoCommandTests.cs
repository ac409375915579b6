using ComfyBot.Cli;

namespace ComfyBot.Tests.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_PrintsEachReplyStateInOrderAndSavesTheImage()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "comfybot-demo-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = await CliRun.ExecuteAsync("demo", "a lighthouse", "--seed", "7", "--out", outDir);

            Assert.True(run.Code == ExitCode.Success, run.Errors + run.Output);
            var queued = run.Output.IndexOf("⏳ Queued: #1 in line (1 ahead)", StringComparison.Ordinal);
            var step = run.Output.IndexOf("🎨 KSampler · step ", StringComparison.Ordinal);
            var done = run.Output.IndexOf("✅ Done: 1 image · seed 7", StringComparison.Ordinal);
            Assert.True(queued >= 0 && step > queued && done > step, run.Output);
            Assert.Matches(@"step \d+/12 [█░]{12}", run.Output);
            Assert.Contains("[preview.", run.Output, StringComparison.Ordinal);
            var image = Assert.Single(Directory.GetFiles(outDir, "*.png"));
            Assert.Contains(image, run.Output, StringComparison.Ordinal);
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
