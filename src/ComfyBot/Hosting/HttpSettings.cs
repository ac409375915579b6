using System.Globalization;

namespace ComfyBot.Hosting;

/// <summary>
/// The bot's one optional HTTP host (section <c>ComfyBot:Http</c>): /healthz and /metrics in every mode, and the
/// signed interactions endpoint in <see cref="DiscordMode.Http"/>.
/// </summary>
internal sealed class HttpSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ComfyBot:Http";

    /// <summary>
    /// ASP.NET Core URLs, ';'-separated (e.g. <c>http://0.0.0.0:8080</c>, or <c>http://+:8080</c> in a container).
    /// Unset: no HTTP host. <see cref="DiscordMode.Http"/> needs it set: a port the bot opened on its own would be a
    /// public endpoint nobody asked for, and the README says the default is off.
    /// </summary>
    public string? ListenUrls { get; set; }

    /// <summary>The URLs to listen on, or null when the bot runs without an HTTP host.</summary>
    public string? EffectiveUrls() => string.IsNullOrWhiteSpace(ListenUrls) ? null : ListenUrls;

    /// <summary>
    /// One of <see cref="ListenUrls"/> as a URI, or null when it is none. Kestrel's wildcard hosts (<c>+</c>, <c>*</c>)
    /// are no valid URI hosts; they listen on every address, as <c>0.0.0.0</c> does, and are read as that.
    /// </summary>
    public static Uri? ParseListenUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var checkable = url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(checkable, UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>Every problem, each naming the key and the fix.</summary>
    public IReadOnlyList<string> Validate(DiscordMode mode)
    {
        if (string.IsNullOrWhiteSpace(ListenUrls))
        {
            return mode == DiscordMode.Http
                ? [$"{Section}:ListenUrls is not set, but ComfyBot:Discord:Mode is Http: Discord sends the interactions to an HTTP endpoint. Set it to where the bot should listen, such as http://0.0.0.0:8080, and point the app's Interactions Endpoint URL at it; or use Mode Gateway."]
                : [];
        }

        var errors = new List<string>();
        foreach (var part in ListenUrls.Split(';'))
        {
            var url = part.Trim();

            if (ParseListenUrl(url) is not { Scheme: "http" or "https" })
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:ListenUrls has '{url}'; set one or more http(s) URLs separated by ';', such as http://0.0.0.0:8080, or remove the key to run without an HTTP port."));
            }
        }

        return errors;
    }
}
