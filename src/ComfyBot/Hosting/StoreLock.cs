namespace ComfyBot.Hosting;

/// <summary>
/// One bot per job store: an exclusive lock on <c>&lt;store&gt;.lock</c>, held while the bot runs. Two bots on one store
/// would both queue, run and deliver every job. The operating system drops the lock when the process ends, however it
/// ends, so a crash never leaves a stale one; the empty file stays (deleting it could let two bots lock two files).
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream _file;

    private StoreLock(FileStream file) => _file = file;

    /// <summary>Takes the lock of the store at <paramref name="storePath"/>, creating its folder when missing.</summary>
    /// <exception cref="BotConfigurationException">Another process (or another bot in this one) holds it.</exception>
    public static StoreLock Take(string storePath)
    {
        var path = Path.GetFullPath(storePath) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            // FileShare.None is an exclusive lock on every platform .NET runs on (flock on Unix), also within one process.
            return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException error)
        {
            throw new BotConfigurationException(
                $"Another ComfyBot is running on the job store {Path.GetFullPath(storePath)} (it holds {path}). Stop it first, or give this bot its own ComfyBot:Store:Path: two bots on one store would both run and answer every job.", error);
        }
    }

    public void Dispose() => _file.Dispose();
}
