using System.Net.Http.Headers;

namespace ComfyBot.Discord.Rest;

/// <summary>
/// Turns a <see cref="RestRequest"/> into the HTTP message Discord expects: the path under the API base, the
/// User-Agent Discord requires of bots, and the bot token only on routes that take it (interaction-token routes
/// must go without, so a leaked interaction URL never carries the bot's credentials).
/// </summary>
internal sealed class RestMessageBuilder
{
    private readonly Uri _baseAddress;
    private readonly string _userAgent;
    private readonly DiscordRestOptions _options;

    public RestMessageBuilder(DiscordRestOptions options)
    {
        // Without the trailing slash, a relative path would replace the base's last segment (api/v10 → api/users/@me).
        var root = options.BaseAddress.AbsoluteUri;
        _baseAddress = new Uri(root.EndsWith('/') ? root : root + "/");
        _userAgent = $"DiscordBot ({options.UserAgentUrl.AbsoluteUri}, {options.UserAgentVersion})";
        _options = options;
    }

    /// <summary>A fresh message with fresh content: a retried request cannot reuse a sent one.</summary>
    public HttpRequestMessage Build(RestRequest request)
    {
        var message = new HttpRequestMessage(request.Route.Method, new Uri(_baseAddress, request.Path));
        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (request.UsesBotToken)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.Token);
        }

        message.Content = request.Content?.Invoke();
        return message;
    }
}
