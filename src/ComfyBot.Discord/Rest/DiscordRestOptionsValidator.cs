using Microsoft.Extensions.Options;

namespace ComfyBot.Discord.Rest;

/// <summary>Lets the host refuse to start with unusable Discord settings (ValidateOnStart).</summary>
internal sealed class DiscordRestOptionsValidator : IValidateOptions<DiscordRestOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordRestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.FindProblems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
