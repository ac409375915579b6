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

    /// <summary>
    /// Where /healthz and /metrics listen apart from <see cref="ListenUrls"/>, ';'-separated, each on a port of its own
    /// (such as <c>http://127.0.0.1:9090</c>). Set: those two are served only there, and <see cref="ListenUrls"/>
    /// serves only the interactions endpoint, the one path Discord must reach. Unset: everything on ListenUrls.
    /// </summary>
    public string? ManagementUrls { get; set; }

    /// <summary>The URLs to listen on (the management ones too), or null when the bot runs without an HTTP host.</summary>
    /// <param name="publicUrls">Public URLs that replace <see cref="ListenUrls"/> (tests listen on port 0).</param>
    public string? EffectiveUrls(string? publicUrls = null)
    {
        var listen = publicUrls ?? ListenUrls;
        return string.IsNullOrWhiteSpace(listen)
            ? null
            : string.IsNullOrWhiteSpace(ManagementUrls) ? listen : $"{listen};{ManagementUrls}";
    }

    /// <summary>The ports of <see cref="ManagementUrls"/>, or null when it is unset.</summary>
    public IReadOnlySet<int>? ManagementPorts() => string.IsNullOrWhiteSpace(ManagementUrls)
        ? null
        : ManagementUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseListenUrl).OfType<Uri>().Select(u => u.Port).ToHashSet();

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
        var listenPorts = new HashSet<int>();
        foreach (var part in ListenUrls.Split(';'))
        {
            var url = part.Trim();

            if (ParseListenUrl(url) is not { Scheme: "http" or "https" } uri)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:ListenUrls has '{url}'; set one or more http(s) URLs separated by ';', such as http://0.0.0.0:8080, or remove the key to run without an HTTP port."));
                continue;
            }

            listenPorts.Add(uri.Port);
        }

        if (string.IsNullOrWhiteSpace(ManagementUrls))
        {
            return errors;
        }

        // The management endpoints are told apart by the port a request came in on, so each needs a port of its own.
        foreach (var part in ManagementUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ParseListenUrl(part) is not { Scheme: "http" or "https" } uri || uri.Port == 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:ManagementUrls has '{part}'; set one or more http(s) URLs with a fixed port, separated by ';', such as http://127.0.0.1:9090, or remove the key to serve /healthz and /metrics on ListenUrls."));
            }
            else if (listenPorts.Contains(uri.Port))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:ManagementUrls has '{part}', whose port {uri.Port} {Section}:ListenUrls uses too; give the management URLs a port of their own (such as 9090): requests are told apart by the port they arrive on."));
            }
        }

        return errors;
    }
}
