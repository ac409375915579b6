namespace ComfyBot.Discord.Rest;

/// <summary>Settings of <see cref="DiscordRestClient"/>; bind from configuration and call <see cref="Validate"/> at start-up.</summary>
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

    /// <summary>Throws with every problem found, each naming the key and the fix.</summary>
    public void Validate()
    {
        var problems = FindProblems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid Discord REST settings:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems));
        }
    }

    /// <summary>Every problem found, each naming the key and the fix; empty when the settings are usable.</summary>
    public IReadOnlyList<string> FindProblems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Token))
        {
            problems.Add("Discord:Token is empty: set it to the bot token from the Developer Portal (Bot page), e.g. via the environment variable ComfyBot__Discord__Token.");
        }
        else if (Token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase) || Token.Any(char.IsWhiteSpace))
        {
            problems.Add("Discord:Token must be the bare token: remove the 'Bot ' prefix and any whitespace.");
        }

        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || BaseAddress.Scheme is not ("http" or "https"))
        {
            problems.Add("Discord:BaseAddress must be an absolute http(s) URL such as https://discord.com/api/v10/.");
        }

        if (UserAgentUrl is null || !UserAgentUrl.IsAbsoluteUri)
        {
            problems.Add("Discord:UserAgentUrl must be an absolute URL (Discord requires 'DiscordBot (url, version)').");
        }

        if (string.IsNullOrWhiteSpace(UserAgentVersion))
        {
            problems.Add("Discord:UserAgentVersion is empty: set a version such as 1.0.");
        }

        if (GlobalRequestsPerSecond is < 1 or > 50)
        {
            problems.Add($"Discord:GlobalRequestsPerSecond is {GlobalRequestsPerSecond}: use 1 to 50 (Discord's global limit is 50).");
        }

        if (MaxRateLimitRetries is < 0 or > 20)
        {
            problems.Add($"Discord:MaxRateLimitRetries is {MaxRateLimitRetries}: use 0 to 20.");
        }

        if (MaxServerErrorRetries is < 0 or > 10)
        {
            problems.Add($"Discord:MaxServerErrorRetries is {MaxServerErrorRetries}: use 0 to 10.");
        }

        if (ServerErrorBaseDelay < TimeSpan.Zero || ServerErrorBaseDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add($"Discord:ServerErrorBaseDelay is {ServerErrorBaseDelay}: use 00:00:00 to 00:01:00.");
        }

        if (InvalidRequestWarningThreshold < 1 || InvalidRequestErrorThreshold <= InvalidRequestWarningThreshold || InvalidRequestErrorThreshold >= 10_000)
        {
            problems.Add($"Discord:InvalidRequestWarningThreshold ({InvalidRequestWarningThreshold}) and InvalidRequestErrorThreshold ({InvalidRequestErrorThreshold}) must satisfy 1 <= warning < error < 10000.");
        }

        return problems;
    }
}
