using System.Globalization;
using System.Text.Json.Nodes;
using ComfyBot.Simulator.Files;
using ComfyBot.Simulator.Images;
using ComfyBot.Simulator.Sockets;
using ComfyBot.Simulator.Validation;

namespace ComfyBot.Simulator.Execution;

/// <summary>
/// What each node class does in the simulator. Samplers and TraceSleep report steps; SaveImage,
/// PreviewImage and SaveImageWebsocket produce real PNGs; TraceFail raises; every other class passes its
/// inputs' picture geometry through to outputs of its declared types.
/// </summary>
internal sealed class NodeRunner
{
    private static readonly HashSet<string> Samplers = new(StringComparer.Ordinal)
    {
        "KSampler", "KSamplerAdvanced", "SamplerCustom", "SamplerCustomAdvanced",
    };

    private readonly FileStore _files;
    private readonly SocketHub _hub;
    private readonly StepPacer _pacer;
    private readonly bool _previews;

    public NodeRunner(FileStore files, SocketHub hub, StepPacer pacer, bool previews)
    {
        _files = files;
        _hub = hub;
        _pacer = pacer;
        _previews = previews;
    }

    public async Task<CachedNode> RunAsync(NodeRun run)
    {
        switch (run.ClassType)
        {
            case "TraceFail":
                throw new NodeFailedException("RuntimeError", run.Text("message", "trace: planned failure"));
            case "TraceSleep":
                return await TraceSleepAsync(run);
            case "EmptyLatentImage":
                return Outputs(run, new NodeValue("LATENT", (int)run.Int("width", 512), (int)run.Int("height", 512), (int)run.Int("batch_size", 1), run.Fingerprint));
            case "EmptyImage":
                // nodes.py EmptyImage: a batch of solid pictures of the given size.
                // Its colour (0xRRGGBB) is kept, so that an image saved straight from it is that solid colour, as ComfyUI's is.
                return Outputs(run, new NodeValue("IMAGE", (int)run.Int("width", 512), (int)run.Int("height", 512), (int)run.Int("batch_size", 1), run.Fingerprint, SolidColor: (int)(run.Int("color", 0) & 0xFFFFFF)));
            case "LoadImage" or "LoadImageMask":
                return LoadImage(run);
            case "SaveImage":
                return SaveImages(run, _files.OutputDirectory, run.Text("filename_prefix", "ComfyUI"), "output");
            case "PreviewImage":
                return SaveImages(run, _files.TempDirectory, "ComfyUI_temp_" + RandomLetters(), "temp");
            case "PrimitiveInt":
                // Its value reaches the inputs it is linked to (a sampler's steps, say), as in ComfyUI.
                return new CachedNode([new NodeValue("INT", 0, 0, 0, run.Fingerprint, run.Int("value", 0))], null);
            case "SaveImageWebsocket":
                await SendImagesOverSocketAsync(run);
                return new CachedNode([], null);
            default:
                if (Samplers.Contains(run.ClassType))
                {
                    return await SampleAsync(run);
                }

                return PassThrough(run);
        }
    }

    private async Task<CachedNode> SampleAsync(NodeRun run)
    {
        var latent = run.Linked("latent_image") ?? run.FirstPicture() ?? new NodeValue("LATENT", 512, 512, 1, run.Fingerprint);
        var steps = run.ClassType switch
        {
            "KSampler" => (int)run.Int("steps", 20),
            "KSamplerAdvanced" => (int)Math.Max(0, Math.Min(run.Int("steps", 20), run.Int("end_at_step", 10000)) - run.Int("start_at_step", 0)),
            _ => run.Linked("sigmas")?.Steps ?? 20,
        };
        for (var step = 1; step <= steps; step++)
        {
            await _pacer.BeforeStepAsync(step - 1);
            var preview = _previews ? ImageRenderer.RenderPreviewJpeg(latent.Width, latent.Height, run.Fingerprint, step, steps) : null;
            await run.ReportStepAsync(step, steps, preview);
        }

        return Outputs(run, latent with { Type = "LATENT", Fingerprint = run.Fingerprint });
    }

    private async Task<CachedNode> TraceSleepAsync(NodeRun run)
    {
        var steps = (int)run.Int("steps", 6);
        var preview = run.Bool("preview");
        for (var step = 1; step <= steps; step++)
        {
            await _pacer.BeforeStepAsync(step - 1);
            await run.ReportStepAsync(step, steps, preview ? ImageRenderer.RenderShadeJpeg(step, steps) : null);
        }

        _pacer.ThrowIfInterrupted();
        var seconds = run.Float("seconds", 3.0);
        var tag = run.Text("tag", "");
        var text = string.Create(CultureInfo.InvariantCulture, $"slept {seconds:F2}s in {steps} steps (tag={PyRepr.Quote(tag)})");
        var value = (run.Linked("value")?.Number ?? run.Int("value", 0)) + 1;
        var ui = new JsonObject { ["text"] = new JsonArray(text) };
        return new CachedNode([new NodeValue("INT", 0, 0, 0, run.Fingerprint, value)], ui);
    }

    private CachedNode LoadImage(NodeRun run)
    {
        var name = run.Text("image", "");
        var path = _files.ResolveAnnotated(name);
        var size = File.Exists(path) ? ImageRenderer.ReadSize(File.ReadAllBytes(path)) : null;
        if (size is null)
        {
            throw new NodeFailedException("PIL.UnidentifiedImageError", $"cannot identify image file '{path}'");
        }

        var (width, height) = size.Value;
        return new CachedNode(
            [new NodeValue("IMAGE", width, height, 1, run.Fingerprint), new NodeValue("MASK", width, height, 1, run.Fingerprint)],
            null);
    }

    private static CachedNode SaveImages(NodeRun run, string directory, string prefix, string type)
    {
        var images = run.Linked("images") ?? throw new NodeFailedException("TypeError", "save_images() missing 1 required positional argument: 'images'");
        (string Folder, string Subfolder, string BaseName, int Counter) target;
        try
        {
            target = FileStore.NextSavePath(directory, prefix);
        }
        catch (InvalidOperationException ex)
        {
            throw new NodeFailedException("Exception", ex.Message);
        }

        var list = new JsonArray();
        for (var i = 0; i < Math.Max(1, images.Batch); i++)
        {
            var file = string.Create(CultureInfo.InvariantCulture, $"{target.BaseName}_{target.Counter + i:00000}_.png");
            File.WriteAllBytes(Path.Combine(target.Folder, file), ImageRenderer.RenderPng(images.Width, images.Height, images.Fingerprint, i, images.SolidColor));
            list.Add(new JsonObject { ["filename"] = file, ["subfolder"] = target.Subfolder, ["type"] = type });
        }

        return new CachedNode([], new JsonObject { ["images"] = list });
    }

    /// <summary>
    /// websocket_image_save.py: one progress report per image, step 0-based (update_absolute(step, N, ("PNG", img,
    /// None))), returning no UI, so there is no executed event and no history output.
    /// </summary>
    private static async Task SendImagesOverSocketAsync(NodeRun run)
    {
        var images = run.Linked("images") ?? throw new NodeFailedException("TypeError", "SaveImageWebsocket.save_images() missing 1 required positional argument: 'images'");
        var count = Math.Max(1, images.Batch);
        for (var i = 0; i < count; i++)
        {
            var png = ImageRenderer.RenderPng(images.Width, images.Height, images.Fingerprint, i, images.SolidColor);
            await run.ReportImageAsync(i, count, png);
        }
    }

    private static CachedNode PassThrough(NodeRun run)
    {
        var picture = run.FirstPicture();
        var steps = run.ClassType.Contains("Scheduler", StringComparison.Ordinal) || run.OutputTypes.Contains("SIGMAS")
            ? (int)run.Int("steps", 20)
            : 0;
        var outputs = run.OutputTypes
            .Select(type => new NodeValue(type, picture?.Width ?? 0, picture?.Height ?? 0, picture?.Batch ?? 0, run.Fingerprint, Steps: steps))
            .ToList();
        return new CachedNode(outputs, null);
    }

    private static CachedNode Outputs(NodeRun run, NodeValue value) =>
        new([.. run.OutputTypes.Select(type => value with { Type = type })], null);

    private static string RandomLetters()
    {
        Span<char> letters = stackalloc char[5];
        for (var i = 0; i < letters.Length; i++)
        {
            letters[i] = (char)('a' + Random.Shared.Next(26));
        }

        return new string(letters);
    }
}
