namespace ComfyBot.Discord.Rest;

/// <summary>
/// A body was refused locally because Discord would refuse it; nothing was sent. Each problem names the path
/// within the body, what is wrong and the limit.
/// </summary>
public sealed class DiscordValidationException : ArgumentException
{
    /// <summary>Creates the exception from a non-empty list of problems.</summary>
    public DiscordValidationException(string what, IReadOnlyList<string> problems)
        : base($"{what} would be refused by Discord:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, one line each (path: what is wrong).</summary>
    public IReadOnlyList<string> Problems { get; }
}
