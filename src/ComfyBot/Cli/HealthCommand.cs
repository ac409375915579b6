using System.Net;

namespace ComfyBot.Cli;

/// <summary>
/// <c>health</c>: asks a running bot's health endpoint and exits 0 only on 200, so that Docker's HEALTHCHECK needs
/// no curl in the runtime image.
/// </summary>
internal sealed class HealthCommand(TextWriter output, TextWriter errors)
{
    /// <summary>Where the image's bot listens (ComfyBot__Http__ListenUrls=http://+:8080).</summary>
    public static readonly Uri DefaultUrl = new("http://127.0.0.1:8080/healthz");

    // Docker kills a check that outlives its --timeout anyway; a shorter own limit gives a readable message instead.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    public async Task<ExitCode> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var url = line.UrlOption("url") ?? DefaultUrl;
        using var http = new HttpClient { Timeout = RequestTimeout };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            output.WriteLine(body);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return ExitCode.Success;
            }

            errors.WriteLine($"unhealthy: {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            return ExitCode.Unhealthy;
        }
        catch (HttpRequestException e)
        {
            errors.WriteLine($"unhealthy: could not reach {url} ({e.Message}). Is the bot running with ComfyBot:Http:ListenUrls set, and is --url right?");
            return ExitCode.Unhealthy;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            errors.WriteLine($"unhealthy: {url} did not answer within {RequestTimeout.TotalSeconds:0} seconds.");
            return ExitCode.Unhealthy;
        }
    }
}
