namespace ComfyBot.Hosting;

/// <summary>
/// One bot per job store: an exclusive lock on <c>&lt;store&gt;.lock</c>, held while the bot runs. Two bots on one store
/// would both queue, run and deliver every job. The operating system drops the lock when the process ends, however it
/// ends, so a crash never leaves a stale one; the empty file stays (deleting it could let two bots lock two files).
/// </summary>
internal sealed class StoreLock : IDisposable
{
    // A lock held elsewhere is reported as a sharing violation: Windows' ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION,
    // and on Unix .NET's IOException carries flock's errno, EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs).
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);

    private readonly FileStream _file;

    private StoreLock(FileStream file) => _file = file;

    /// <summary>Takes the lock of the store at <paramref name="storePath"/>, creating its folder when missing.</summary>
    /// <exception cref="BotConfigurationException">Another process (or another bot in this one) holds it, or the folder is not writable.</exception>
    public static StoreLock Take(string storePath) =>
        Take(storePath, static path => new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));

    /// <summary>Takes the lock, opening the lock file with <paramref name="open"/> (tests stand in for the file system's errors).</summary>
    internal static StoreLock Take(string storePath, Func<string, FileStream> open)
    {
        var store = Path.GetFullPath(storePath);
        var path = store + ".lock";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);

            // FileShare.None is an exclusive lock on every platform .NET runs on (flock on Unix), also within one process.
            return new StoreLock(open(path));
        }
        catch (IOException error) when (IsHeldElsewhere(error))
        {
            throw new BotConfigurationException(
                $"Another ComfyBot is running on the job store {store} (it holds {path}). Stop it first, or give this bot its own ComfyBot:Store:Path: two bots on one store would both run and answer every job.", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Not a second bot: a read-only mount, a folder owned by another user, a full disk. Saying "another bot"
            // here sent people looking for a process that does not exist.
            throw new BotConfigurationException(
                $"The job store's folder {Path.GetDirectoryName(path)} is not writable: the lock file {path} could not be opened ({error.Message.Trim()}). ComfyBot writes its jobs there: make the folder writable for the user the bot runs as (a volume mounted read-only, a folder owned by another user, a full disk), or point ComfyBot:Store:Path at a writable folder.",
                error);
        }
    }

    public void Dispose() => _file.Dispose();

    private static bool IsHeldElsewhere(IOException error) => error.HResult switch
    {
        SharingViolation or LockViolation => true,
        11 => OperatingSystem.IsLinux(),
        35 => OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD(),
        _ => false,
    };
}
