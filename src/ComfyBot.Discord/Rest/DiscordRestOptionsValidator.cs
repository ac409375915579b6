using Microsoft.Extensions.Options;

namespace ComfyBot.Discord.Rest;

/// <summary>
/// Every problem with <see cref="DiscordRestOptions"/>, each naming its property and the fix (never quoting the
/// token); registered with ValidateOnStart by <see cref="DiscordRestServiceCollectionExtensions.AddDiscordRest"/>, so a
/// host refuses to start with unusable settings. The host knows the section it bound them from and puts it in front.
/// </summary>
public sealed class DiscordRestOptionsValidator : IValidateOptions<DiscordRestOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DiscordRestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            problems.Add("Token is empty: set it to the bot token from the Developer Portal (Bot page).");
        }
        else if (options.Token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase) || options.Token.Any(char.IsWhiteSpace))
        {
            problems.Add("Token must be the bare token: remove the 'Bot ' prefix and any whitespace.");
        }

        if (options.BaseAddress is null || !options.BaseAddress.IsAbsoluteUri || options.BaseAddress.Scheme is not ("http" or "https"))
        {
            problems.Add("BaseAddress must be an absolute http(s) URL such as https://discord.com/api/v10/.");
        }

        if (options.UserAgentUrl is null || !options.UserAgentUrl.IsAbsoluteUri)
        {
            problems.Add("UserAgentUrl must be an absolute URL (Discord requires 'DiscordBot (url, version)').");
        }

        if (string.IsNullOrWhiteSpace(options.UserAgentVersion))
        {
            problems.Add("UserAgentVersion is empty: set a version such as 1.0.");
        }

        if (options.GlobalRequestsPerSecond is < 1 or > 50)
        {
            problems.Add($"GlobalRequestsPerSecond is {options.GlobalRequestsPerSecond}: use 1 to 50 (Discord's global limit is 50).");
        }

        if (options.MaxRateLimitRetries is < 0 or > 20)
        {
            problems.Add($"MaxRateLimitRetries is {options.MaxRateLimitRetries}: use 0 to 20.");
        }

        if (options.MaxServerErrorRetries is < 0 or > 10)
        {
            problems.Add($"MaxServerErrorRetries is {options.MaxServerErrorRetries}: use 0 to 10.");
        }

        if (options.ServerErrorBaseDelay < TimeSpan.Zero || options.ServerErrorBaseDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add($"ServerErrorBaseDelay is {options.ServerErrorBaseDelay}: use 00:00:00 to 00:01:00.");
        }

        if (options.InvalidRequestWarningThreshold < 1 || options.InvalidRequestErrorThreshold <= options.InvalidRequestWarningThreshold || options.InvalidRequestErrorThreshold >= 10_000)
        {
            problems.Add($"InvalidRequestWarningThreshold ({options.InvalidRequestWarningThreshold}) and InvalidRequestErrorThreshold ({options.InvalidRequestErrorThreshold}) must satisfy 1 <= warning < error < 10000.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
