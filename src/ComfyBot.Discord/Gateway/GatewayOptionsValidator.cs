using Microsoft.Extensions.Options;

namespace ComfyBot.Discord.Gateway;

/// <summary>Runs <see cref="GatewayOptions.Validate"/> for the options system (and ValidateOnStart).</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
