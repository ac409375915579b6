namespace ComfyBot.Logging;

/// <summary>
/// Stands in for a logged exception so that its message, inner exceptions and stack trace (which formatters write
/// through <see cref="ToString"/>) reach the log without secrets, such as a URL with an interaction token.
/// </summary>
#pragma warning disable CA1032, CA1064 // Never thrown or constructed by anyone but ScrubbingLogger.
internal sealed class ScrubbedException(Exception original, LogScrubber scrubber)
    : Exception(scrubber.Scrub(original.Message))
#pragma warning restore CA1032, CA1064
{
    public override string? StackTrace => original.StackTrace is { } trace ? scrubber.Scrub(trace) : null;

    public override string ToString() => scrubber.Scrub(original.ToString());
}
