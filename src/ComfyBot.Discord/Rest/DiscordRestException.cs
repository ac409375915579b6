using System.Globalization;
using System.Net;
using System.Text;

namespace ComfyBot.Discord.Rest;

/// <summary>
/// Discord refused a request. Carries the HTTP status, Discord's JSON error code and message, and the flattened
/// field errors. The message names the route template, never a token.
/// </summary>
public sealed class DiscordRestException : Exception
{
    /// <summary>Creates the exception from the parts of an error answer.</summary>
    public DiscordRestException(
        HttpStatusCode statusCode,
        int? code,
        string? discordMessage,
        IReadOnlyList<DiscordFieldError> fieldErrors,
        string route,
        TimeSpan? retryAfter = null)
        : base(Describe(statusCode, code, discordMessage, fieldErrors, route))
    {
        StatusCode = statusCode;
        Code = code;
        DiscordMessage = discordMessage;
        FieldErrors = fieldErrors;
        Route = route;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Discord's JSON error code (see <see cref="DiscordErrorCode"/>), when the body had one.</summary>
    public int? Code { get; }

    /// <summary>Discord's message, when the body had one.</summary>
    public string? DiscordMessage { get; }

    /// <summary>The field errors from the nested <c>errors</c> object, flattened to paths.</summary>
    public IReadOnlyList<DiscordFieldError> FieldErrors { get; }

    /// <summary>The method and route template that failed, e.g. <c>PATCH /webhooks/{application_id}/{token}/messages/@original</c>.</summary>
    public string Route { get; }

    /// <summary>For a 429 that ran out of retries: how long Discord asked to wait.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// The interaction token can no longer be used (the 15 minutes are over, or the interaction is unknown):
    /// stop using it and fall back to a channel message. Never retry.
    /// </summary>
    public bool IsExpiredInteractionToken =>
        StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound
        && Code is DiscordErrorCode.InvalidWebhookToken or DiscordErrorCode.UnknownWebhook or DiscordErrorCode.UnknownInteraction;

    /// <summary>True for 429 answers that were still limited after every allowed retry.</summary>
    public bool IsRateLimited => StatusCode == HttpStatusCode.TooManyRequests;

    private static string Describe(HttpStatusCode status, int? code, string? message, IReadOnlyList<DiscordFieldError> fieldErrors, string route)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Discord answered {(int)status} {status} to {route}");
        if (code is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" with code {code}");
        }

        if (!string.IsNullOrEmpty(message))
        {
            text.Append(CultureInfo.InvariantCulture, $": {message}");
        }

        foreach (var error in fieldErrors)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  {error}");
        }

        return text.ToString();
    }
}
