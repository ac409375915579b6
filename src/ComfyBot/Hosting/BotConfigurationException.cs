namespace ComfyBot.Hosting;

/// <summary>The configuration cannot start the bot; the message lists every problem with its key and fix.</summary>
internal sealed class BotConfigurationException : Exception
{
    public BotConfigurationException()
    {
        Problems = [];
    }

    public BotConfigurationException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public BotConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public BotConfigurationException(IReadOnlyList<string> problems)
        : base("The configuration cannot start the bot:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems))
    {
        Problems = problems;
    }

    /// <summary>Each problem on its own.</summary>
    public IReadOnlyList<string> Problems { get; }
}
