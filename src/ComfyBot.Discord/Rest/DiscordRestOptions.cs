namespace ComfyBot.Discord.Rest;

/// <summary>Settings of <see cref="DiscordRestClient"/>; bind them from the host's configuration. <see cref="DiscordRestOptionsValidator"/> checks them at start-up.</summary>
public sealed class DiscordRestOptions
{
    /// <summary>The API root, with version.</summary>
    /// <value>Default <c>https://discord.com/api/v10/</c>; tests point it at FakeDiscord.</value>
    public Uri BaseAddress { get; set; } = new("https://discord.com/api/v10/");

    /// <summary>The bot token (without the <c>Bot </c> prefix). Secret: never logged.</summary>
    public string Token { get; set; } = "";

    /// <summary>The URL in the <c>User-Agent: DiscordBot (url, version)</c> header Discord requires.</summary>
    /// <value>Default <c>https://github.com/comfybot/comfybot</c>.</value>
    public Uri UserAgentUrl { get; set; } = new("https://github.com/comfybot/comfybot");

    /// <summary>The version in the User-Agent header.</summary>
    /// <value>Default <c>1.0</c>.</value>
    public string UserAgentVersion { get; set; } = "1.0";

    /// <summary>The bot-wide request limit per second; interaction-token routes are exempt.</summary>
    /// <value>Default 50, Discord's global limit.</value>
    public int GlobalRequestsPerSecond { get; set; } = 50;

    /// <summary>How often a request answered with 429 is sent again before the 429 is thrown.</summary>
    /// <value>Default 5.</value>
    public int MaxRateLimitRetries { get; set; } = 5;

    /// <summary>How often a request is repeated after a network error or a 5xx.</summary>
    /// <value>Default 3.</value>
    public int MaxServerErrorRetries { get; set; } = 3;

    /// <summary>The first backoff after a network error or 5xx; it doubles, with jitter.</summary>
    /// <value>Default 1 second.</value>
    public TimeSpan ServerErrorBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Invalid requests (401/403/429) per ten minutes at which a warning is logged.</summary>
    /// <value>Default 1,000 (Discord bans at 10,000).</value>
    public int InvalidRequestWarningThreshold { get; set; } = 1_000;

    /// <summary>Invalid requests per ten minutes at which an error is logged.</summary>
    /// <value>Default 5,000.</value>
    public int InvalidRequestErrorThreshold { get; set; } = 5_000;
}
