using Microsoft.Extensions.Options;

namespace ComfyBot.Discord.Gateway;

/// <summary>
/// Every problem with <see cref="GatewayOptions"/>, each naming its property and the fix (never quoting the token);
/// registered with ValidateOnStart by <see cref="GatewayServiceCollectionExtensions.AddDiscordGateway"/>. The host
/// knows the section it bound them from and puts it in front of the property.
/// </summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var token = options.Token?.Trim() ?? string.Empty;
        if (token.Length == 0)
        {
            errors.Add($"Token is empty; set it to the bot token from the developer portal's Bot page.");
        }
        else if (token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Token starts with \"Bot \"; set only the token itself, without the prefix.");
        }
        else if (token.Any(char.IsWhiteSpace))
        {
            errors.Add($"Token contains whitespace; copy the token again without spaces or line breaks.");
        }

        if (options.Intents < 0)
        {
            errors.Add($"Intents is negative; use a combination of intent names such as \"Guilds\".");
        }

        if (options.ShardCount is < 1)
        {
            errors.Add($"ShardCount is {options.ShardCount}; set it to 1 or more, or leave it empty for auto.");
        }

        if (options.LargeThreshold is < 50 or > 250)
        {
            errors.Add($"LargeThreshold is {options.LargeThreshold}; Discord accepts 50 to 250.");
        }

        if (options.MaxReconnectDelay < TimeSpan.FromSeconds(1))
        {
            errors.Add($"MaxReconnectDelay is {options.MaxReconnectDelay}; set it to at least 00:00:01.");
        }

        if (!Enum.IsDefined(options.Compression))
        {
            errors.Add($"Compression is {(int)options.Compression}; set it to \"ZlibStream\" (default) or \"None\" (plain JSON).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientName))
        {
            errors.Add($"ClientName is empty; set a short name such as \"ComfyBot\".");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
