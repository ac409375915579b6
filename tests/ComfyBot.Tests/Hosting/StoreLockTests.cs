using ComfyBot.Hosting;

namespace ComfyBot.Tests.Hosting;

public sealed class StoreLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("comfybot-lock-").FullName;

    [Fact]
    public void Take_WhileHeld_SaysAnotherBotRunsAndHowToFixIt_AndWorksOnceReleased()
    {
        var store = Path.Combine(_folder, "data", "jobs.db");
        var first = StoreLock.Take(store);

        var error = Assert.Throws<BotConfigurationException>(() => StoreLock.Take(store));

        Assert.Contains($"Another ComfyBot is running on the job store {store}", error.Message, StringComparison.Ordinal);
        Assert.Contains("ComfyBot:Store:Path", error.Message, StringComparison.Ordinal);
        first.Dispose();
        using var again = StoreLock.Take(store);
        using var other = StoreLock.Take(Path.Combine(_folder, "other.db"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
