using System.Globalization;
using Microsoft.Extensions.Options;

namespace ComfyBot.Discord.HttpInteractions;

/// <summary>
/// Every problem with <see cref="HttpInteractionsOptions"/>, each naming its property and the fix; registered with
/// ValidateOnStart by <see cref="HttpInteractionsServiceCollectionExtensions.AddDiscordHttpInteractions"/>. The host
/// knows the section it bound them from and puts it in front of the property.
/// </summary>
public sealed class HttpInteractionsOptionsValidator : IValidateOptions<HttpInteractionsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HttpInteractionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var key = options.PublicKey?.Trim() ?? string.Empty;
        if (key.Length != 64 || !key.All(char.IsAsciiHexDigit))
        {
            errors.Add($"PublicKey must be the 64 hex digits of the app's Public Key (developer portal, General Information); it has {key.Length} characters{(key.All(char.IsAsciiHexDigit) ? string.Empty : " and non-hex characters")}.");
        }
        else if (!HttpInteractionsOptions.IsPublicKey(key))
        {
            errors.Add($"PublicKey is 64 hex digits but not an Ed25519 public key, so no signature could ever be checked; copy the Public Key again from the developer portal (General Information), not the client secret or another id.");
        }

        if (options.MaxTimestampAge < TimeSpan.FromSeconds(5))
        {
            errors.Add($"MaxTimestampAge is {options.MaxTimestampAge}; set at least 00:00:05 (default 00:05:00).");
        }

        if (options.AcknowledgementTimeout <= TimeSpan.Zero || options.AcknowledgementTimeout >= TimeSpan.FromSeconds(3))
        {
            errors.Add($"AcknowledgementTimeout is {options.AcknowledgementTimeout}; it must be above zero and under Discord's 3 s (default 00:00:02.5).");
        }

        if (options.BodyReadTimeout < TimeSpan.FromSeconds(1) || options.BodyReadTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"BodyReadTimeout is {options.BodyReadTimeout}; set it between 00:00:01 and 00:05:00 (default 00:00:10).");
        }

        if (options.MaxBodyBytes < 1024)
        {
            errors.Add($"MaxBodyBytes is {options.MaxBodyBytes.ToString(CultureInfo.InvariantCulture)}; set at least 1024 (default 1048576).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
