using System.Globalization;
using ComfyBot.Core.Jobs;
using ComfyBot.Discord.Interactions;

namespace ComfyBot.SlashCommands;

/// <summary>Fetches an image a member attached to a command from Discord's CDN (or FakeDiscord), with a size cap.</summary>
internal sealed class AttachmentDownloader(IHttpClientFactory clients)
{
    /// <summary>The name of the HttpClient used for attachments.</summary>
    public const string ClientName = "ComfyBot.Attachments";

    /// <summary>The largest input image accepted (Discord's own upload limit for boosted servers is higher; GPUs need no more).</summary>
    public const long MaxBytes = 25L * 1024 * 1024;

    /// <summary>The image, or a text for the member saying what was wrong with it.</summary>
    public async Task<(InputImage? Image, string? Problem)> DownloadAsync(InteractionAttachment attachment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (Check(attachment) is { } problem)
        {
            return (null, problem);
        }

        try
        {
            return await FetchAsync(attachment, cancellationToken) is { } image
                ? (image, null)
                : (null, string.Create(CultureInfo.InvariantCulture, $"The attachment '{attachment.Filename}' is larger than {MaxBytes / (1024 * 1024)} MB; attach a smaller image."));
        }
        catch (HttpRequestException e)
        {
            return (null, $"The attachment '{attachment.Filename}' could not be fetched from Discord ({e.StatusCode?.ToString() ?? e.HttpRequestError.ToString()}); attach it again.");
        }
    }

    private static string? Check(InteractionAttachment attachment)
    {
        if (attachment.ContentType is { } type && !type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return $"The attachment '{attachment.Filename}' is {type}, not an image; attach a PNG, JPEG or WebP.";
        }

        if (attachment.Size > MaxBytes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The attachment '{attachment.Filename}' is {attachment.Size / (1024 * 1024)} MB; attach an image of at most {MaxBytes / (1024 * 1024)} MB.");
        }

        return Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? null
            : $"The attachment '{attachment.Filename}' has no usable URL; attach the image again.";
    }

    private async Task<InputImage?> FetchAsync(InteractionAttachment attachment, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(ClientName);
        using var response = await http.GetAsync(new Uri(attachment.Url), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return new InputImage(Path.GetFileName(attachment.Filename), buffer.ToArray());
    }
}
