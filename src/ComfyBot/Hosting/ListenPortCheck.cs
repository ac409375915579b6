using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ComfyBot.Hosting;

/// <summary>
/// Whether the HTTP host's ports are free, asked before anything starts. Kestrel binds last, after the store, the
/// backends and the gateway are up, so a taken port used to surface as an unhandled IOException (exit 134) after the
/// bot had already joined the gateway and answered nothing.
/// </summary>
internal static class ListenPortCheck
{
    /// <summary>A problem for each URL whose address and port another program holds; port 0 (any free port) always fits.</summary>
    /// <param name="urls">URLs separated by ';'.</param>
    /// <param name="key">The setting they come from, named in each problem.</param>
    public static IReadOnlyList<string> Find(string urls, string key)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var problems = new List<string>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Endpoint(url) is not { } endpoint)
            {
                continue;
            }

            var listener = new TcpListener(endpoint);
            try
            {
                listener.Start();
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                var why = e.SocketErrorCode == SocketError.AccessDenied
                    ? "this user may not listen there (ports below 1024 need privileges)"
                    : "another program is listening there";
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{key} has '{url}', but port {endpoint.Port} on {endpoint.Address} cannot be used: {why}. Stop that program, or set another port, such as http://0.0.0.0:{endpoint.Port + 1}."));
            }
            finally
            {
                listener.Stop();
            }
        }

        return problems;
    }

    private static IPEndPoint? Endpoint(string url)
    {
        if (HttpSettings.ParseListenUrl(url) is not { Port: > 0 } uri)
        {
            return null;
        }

        // Kestrel binds a host name other than localhost to every address, so such a URL needs the port on all of them.
        var address = uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed
            : IPAddress.Any;
        return new IPEndPoint(address, uri.Port);
    }
}
