namespace ComfyBot.Replies;

/// <summary>Settings of <see cref="DiscordJobView"/>.</summary>
internal sealed class DiscordJobViewOptions
{
    /// <summary>How long before the interaction token expires the reply moves to a channel message.</summary>
    /// <value>Default 60 seconds; between 5 seconds and 10 minutes.</value>
    public TimeSpan MoveBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where jump links point.</summary>
    /// <value>Default <c>https://discord.com</c>.</value>
    public Uri WebBase { get; set; } = new("https://discord.com");

    /// <summary>Throws when a setting is out of range, naming the key and the fix.</summary>
    public void Validate()
    {
        if (MoveBeforeExpiry < TimeSpan.FromSeconds(5) || MoveBeforeExpiry > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(
                nameof(MoveBeforeExpiry), MoveBeforeExpiry,
                "ComfyBot:Discord:Reply:MoveBeforeExpiry must be between 00:00:05 and 00:10:00 (the token lives 15 minutes); e.g. 00:01:00.");
        }

        if (!WebBase.IsAbsoluteUri)
        {
            throw new ArgumentException("ComfyBot:Discord:Reply:WebBase must be an absolute URL such as https://discord.com.", nameof(WebBase));
        }
    }
}
