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

    /// <summary>
    /// What the file system answers for a volume mounted read-only (EROFS, errno 30, which .NET reports as an
    /// IOException carrying the errno), and for a folder owned by another user (EACCES).
    /// </summary>
    public static TheoryData<string> NotWritable => ["read-only", "permission"];

    [Theory]
    [MemberData(nameof(NotWritable))]
    public void Take_OnAStoreThatCannotBeWritten_SaysSoWithThePathAndTheFix_NotThatAnotherBotRuns(string kind)
    {
        var store = Path.Combine(_folder, "data", "jobs.db");
        Exception refusal = kind == "read-only"
            ? new IOException($"Read-only file system : '{store}.lock'", 30)
            : new UnauthorizedAccessException($"Access to the path '{store}.lock' is denied.");

        var error = Assert.Throws<BotConfigurationException>(() => StoreLock.Take(store, _ => throw refusal));

        Assert.DoesNotContain("Another ComfyBot", error.Message, StringComparison.Ordinal);
        Assert.Contains($"The job store's folder {Path.GetDirectoryName(store)} is not writable", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{store}.lock", error.Message, StringComparison.Ordinal);
        Assert.Contains(refusal.Message, error.Message, StringComparison.Ordinal);
        Assert.Contains("make the folder writable", error.Message, StringComparison.Ordinal);
        Assert.Contains("ComfyBot:Store:Path", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
