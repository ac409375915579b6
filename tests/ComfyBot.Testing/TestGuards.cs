namespace ComfyBot.Testing;

/// <summary>The one hang guard of the suites.</summary>
public static class TestGuards
{
    /// <summary>
    /// How long a test waits for something that should happen at once (a signal, a reply, a frame) before it calls it
    /// a hang: far beyond any wait on a loaded 2-core CI machine, so that it never decides a result, only ends a stuck
    /// test with a message instead of the run's timeout.
    /// </summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
}
