using Microsoft.Extensions.Options;

namespace ComfyBot.Discord.HttpInteractions;

/// <summary>Runs <see cref="HttpInteractionsOptions.Validate"/> for the options system (and ValidateOnStart).</summary>
internal sealed class HttpInteractionsOptionsValidator : IValidateOptions<HttpInteractionsOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpInteractionsOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
