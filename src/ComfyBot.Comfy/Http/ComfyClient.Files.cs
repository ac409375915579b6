using System.Net.Http.Headers;
using System.Text.Json;
using ComfyBot.Comfy.Resilience;

namespace ComfyBot.Comfy.Http;

/// <summary>GET /view and POST /upload/image.</summary>
public sealed partial class ComfyClient
{
    /// <summary>
    /// GET /view: opens a file for streaming. Dispose the stream to release the connection. Reading more than
    /// <see cref="ComfyClientOptions.MaxResponseBytes"/> throws <see cref="ComfyResponseTooLargeException"/>.
    /// </summary>
    /// <exception cref="ComfyHttpException">404 when the file does not exist, 400/403 for a bad name, type or folder.</exception>
    public Task<Stream> OpenFileAsync(ComfyFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(file.Filename, nameof(file));
        var path = $"view?filename={Uri.EscapeDataString(file.Filename)}&subfolder={Uri.EscapeDataString(file.Subfolder)}&type={Uri.EscapeDataString(file.Type)}";
        return _transport.SendAsync(
            ComfyCallKind.Idempotent,
            HttpMethod.Get,
            path,
            null,
            async (response, token) => (Stream)new CappedReadStream(await response.Content.ReadAsStreamAsync(token), _transport.MaxResponseBytes, $"GET /view {file.Filename}", "ComfyClientOptions.MaxResponseBytes"),
            cancellationToken,
            keepResponse: true);
    }

    /// <summary>GET /view: copies a file into <paramref name="destination"/>.</summary>
    public async Task DownloadFileAsync(ComfyFile file, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var source = await OpenFileAsync(file, cancellationToken);
        await source.CopyToAsync(destination, cancellationToken);
    }

    /// <summary>
    /// POST /upload/image. Retried safely: without <paramref name="overwrite"/> the server keeps one copy of
    /// identical bytes and renames only different ones (<c>name (1).png</c>).
    /// </summary>
    /// <param name="image">The image bytes; read once, here.</param>
    /// <param name="fileName">The name to store it under, e.g. <c>fox.png</c>.</param>
    /// <param name="type"><c>input</c> (default), <c>temp</c> or <c>output</c>.</param>
    /// <param name="subfolder">A folder below the type's root, or null.</param>
    /// <param name="overwrite">Replace a file of the same name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Where the server stored it; reference it from LoadImage as <c>subfolder/name</c>.</returns>
    public async Task<ComfyFile> UploadImageAsync(Stream image, string fileName, string type = "input", string? subfolder = null, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (type is not ("input" or "temp" or "output"))
        {
            throw new ArgumentException($"Upload type '{type}' is not one ComfyUI accepts; use input, temp or output.", nameof(type));
        }

        using var buffer = new MemoryStream();
        await image.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        return await _transport.SendAsync(ComfyCallKind.Idempotent, HttpMethod.Post, "upload/image", () =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "image", fileName);
            form.Add(new StringContent(type), "type");
            if (!string.IsNullOrEmpty(subfolder))
            {
                form.Add(new StringContent(subfolder), "subfolder");
            }

            if (overwrite)
            {
                form.Add(new StringContent("true"), "overwrite");
            }

            return form;
        }, async (response, token) =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync(token);
            var uploaded = await JsonSerializer.DeserializeAsync(stream, ComfyJsonContext.Default.UploadResponse, token);
            if (uploaded?.Name is null)
            {
                throw new Events.ComfyProtocolException("POST /upload/image answered without a 'name'.");
            }

            return new ComfyFile(uploaded.Name, uploaded.Subfolder ?? string.Empty, uploaded.Type ?? type);
        }, cancellationToken);
    }
}
