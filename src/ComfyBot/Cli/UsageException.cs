namespace ComfyBot.Cli;

/// <summary>A command line that cannot be run; its message says what was wrong and how to fix it.</summary>
internal sealed class UsageException(string message) : Exception(message);
