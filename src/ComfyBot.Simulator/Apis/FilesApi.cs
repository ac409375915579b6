using System.Text.Json.Nodes;
using ComfyBot.Simulator.Execution;
using ComfyBot.Simulator.Files;
using ComfyBot.Simulator.Images;
using Microsoft.AspNetCore.StaticFiles;
using SkiaSharp;

namespace ComfyBot.Simulator.Apis;

/// <summary>GET /view (streamed, with preview= and channel=) and POST /upload/image, with ComfyUI's status codes.</summary>
internal static class FilesApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/view", ViewAsync);
        group.MapPost("/upload/image", UploadAsync).DisableAntiforgery();
    }

    private static async Task<IResult> ViewAsync(HttpContext context, SimulatorRuntime runtime)
    {
        var query = context.Request.Query;
        var files = runtime.Files;
        if (!query.TryGetValue("filename", out var rawName))
        {
            return Results.NotFound();
        }

        var (filename, directory) = files.Annotated(rawName.ToString());
        if (filename.Length == 0 || filename[0] == '/' || filename.Contains("..", StringComparison.Ordinal))
        {
            return Results.BadRequest();
        }

        directory ??= files.DirectoryFor(query.TryGetValue("type", out var type) ? type.ToString() : "output");
        if (directory is null)
        {
            return Results.BadRequest();
        }

        if (query.TryGetValue("subfolder", out var subfolder))
        {
            var full = Path.GetFullPath(Path.Combine(directory, subfolder.ToString()));
            if (!FileStore.IsInside(directory, full))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            directory = full;
        }

        var path = Path.Combine(directory, Path.GetFileName(filename));
        if (!File.Exists(path))
        {
            return Results.NotFound();
        }

        var name = Path.GetFileName(filename);
        if (runtime.ViewAnswersHtml)
        {
            return Results.Content("<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>", "text/html");
        }

        if (runtime.ViewAnswersEndlessly)
        {
            await EndlessBodyAsync(context);
            return Results.Empty;
        }

        runtime.Viewed.Enqueue(name);
        context.Response.Headers.ContentDisposition = $"filename=\"{name}\"";
        if (query.TryGetValue("preview", out var preview))
        {
            var parts = preview.ToString().Split(';');
            var quality = parts.Length > 1 && int.TryParse(parts[1], out var q) ? q : 90;
            var jpeg = parts[0] == "jpeg" && !query["channel"].ToString().Contains('a', StringComparison.Ordinal);
            var bytes = ImageRenderer.Reencode(await File.ReadAllBytesAsync(path, context.RequestAborted), jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Webp, quality);
            return bytes is null ? JsonReply.ServerError() : Results.Bytes(bytes, jpeg ? "image/jpeg" : "image/webp");
        }

        var channel = query.TryGetValue("channel", out var c) ? c.ToString() : "rgba";
        if (channel is "rgb" or "a")
        {
            var bytes = ImageRenderer.Channel(await File.ReadAllBytesAsync(path, context.RequestAborted), alphaOnly: channel == "a");
            return bytes is null ? JsonReply.ServerError() : Results.Bytes(bytes, "image/png");
        }

        if (!ContentTypes.TryGetContentType(name, out var contentType) || contentType is "text/html" or "text/javascript" or "application/javascript" or "text/css")
        {
            contentType = "application/octet-stream";
        }

        return Results.File(Path.GetFullPath(path), contentType, enableRangeProcessing: true);
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, SimulatorRuntime runtime)
    {
        if (!request.HasFormContentType)
        {
            return Results.BadRequest();
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var image = form.Files.GetFile("image");
        if (image is null || string.IsNullOrEmpty(image.FileName))
        {
            return Results.BadRequest();
        }

        var type = form.TryGetValue("type", out var t) && t.ToString().Length > 0 ? t.ToString() : "input";
        var directory = runtime.Files.DirectoryFor(type);
        if (directory is null)
        {
            // ComfyUI hits an unassigned variable here and answers 500.
            return JsonReply.ServerError();
        }

        var subfolder = form.TryGetValue("subfolder", out var s) ? s.ToString() : "";
        var overwrite = form.TryGetValue("overwrite", out var o) && o.ToString() is "true" or "1";
        using var buffer = new MemoryStream();
        await image.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var stored = FileStore.StoreUpload(directory, subfolder, image.FileName, buffer.ToArray(), overwrite);
        if (stored is null)
        {
            return Results.BadRequest();
        }

        return JsonReply.Ok(new JsonObject { ["name"] = stored, ["subfolder"] = subfolder, ["type"] = type });
    }

    private static async Task EndlessBodyAsync(HttpContext context)
    {
        // No Content-Length: the client learns only by reading that it never ends. Stops when the client hangs up.
        context.Response.ContentType = "image/png";
        var chunk = new byte[64 * 1024];
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException)
        {
            // The client stopped reading at its cap.
        }
    }
}
