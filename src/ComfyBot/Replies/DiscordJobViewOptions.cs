namespace ComfyBot.Replies;

/// <summary>Settings of <see cref="DiscordJobView"/> (section <c>ComfyBot:Reply</c>; checked by <see cref="Hosting.BotOptionsValidator"/>).</summary>
internal sealed class DiscordJobViewOptions
{
    /// <summary>How long before the interaction token expires the reply moves to a channel message.</summary>
    /// <value>Default 60 seconds; between 5 seconds and 10 minutes.</value>
    public TimeSpan MoveBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where jump links point.</summary>
    /// <value>Default <c>https://discord.com</c>.</value>
    public Uri WebBase { get; set; } = new("https://discord.com");
}
