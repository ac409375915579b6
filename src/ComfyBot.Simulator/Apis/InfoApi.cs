using System.Text.Json.Nodes;
using ComfyBot.Simulator.Execution;

namespace ComfyBot.Simulator.Apis;

/// <summary>system_stats, features, object_info, models, embeddings and extensions.</summary>
internal static class InfoApi
{
    private static readonly string[] ModelFolders =
    [
        "checkpoints", "configs", "loras", "vae", "text_encoders", "diffusion_models", "clip_vision", "style_models",
        "embeddings", "diffusers", "vae_approx", "controlnet", "gligen", "upscale_models", "custom_nodes",
        "hypernetworks", "photomaker", "classifiers", "model_patches", "audio_encoders",
    ];

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/system_stats", SystemStats);
        group.MapGet("/features", (SimulatorRuntime runtime) => JsonReply.Ok(runtime.ServerFeatures()));
        group.MapGet("/object_info", WholeObjectInfo);
        group.MapGet("/object_info/{nodeClass}", ObjectInfo);
        group.MapGet("/models", () => JsonReply.Ok(new JsonArray([.. ModelFolders.Select(f => (JsonNode?)JsonValue.Create(f))])));
        group.MapGet("/models/{folder}", Models);
        group.MapGet("/embeddings", () => JsonReply.Ok(new JsonArray()));
        group.MapGet("/extensions", () => JsonReply.Ok(new JsonArray()));
    }

    /// <summary>The whole catalogue: held while a test holds it, and late by ObjectInfoDelay, as a server with many custom nodes is.</summary>
    private static async Task<JsonReply> WholeObjectInfo(SimulatorRuntime runtime, HttpContext context)
    {
        await runtime.ObjectInfoHold.WaitAsync(context.RequestAborted);
        if (runtime.Options.ObjectInfoDelay > TimeSpan.Zero)
        {
            await Task.Delay(runtime.Options.ObjectInfoDelay, runtime.TimeProvider, context.RequestAborted);
        }

        return JsonReply.Ok(WithInputFiles(runtime, runtime.Catalog.CopyDocument()));
    }

    private static JsonReply ObjectInfo(string nodeClass, SimulatorRuntime runtime)
    {
        var info = runtime.Catalog.CopyClass(nodeClass);
        return JsonReply.Ok(info is null ? [] : WithInputFiles(runtime, new JsonObject { [nodeClass] = info }));
    }

    private static IResult Models(string folder, SimulatorRuntime runtime)
    {
        if (!ModelFolders.Contains(folder))
        {
            return Results.NotFound();
        }

        // As folder_paths.get_filename_list: what the loaders' combos list, since both come from the same disk.
        var files = runtime.Catalog.ModelFiles(folder);
        return JsonReply.Ok(new JsonArray([.. files.Select(f => (JsonNode?)JsonValue.Create(f))]));
    }

    /// <summary>LoadImage lists the files in input/ at the time of the request, as on the real server.</summary>
    private static JsonObject WithInputFiles(SimulatorRuntime runtime, JsonObject document)
    {
        foreach (var loader in new[] { "LoadImage", "LoadImageMask" })
        {
            if (document[loader]?["input"]?["required"]?["image"] is JsonArray spec && spec.Count > 0)
            {
                spec[0] = new JsonArray([.. runtime.Files.InputFiles().Select(f => (JsonNode?)JsonValue.Create(f))]);
            }
        }

        return document;
    }

    private static JsonReply SystemStats(SimulatorRuntime runtime)
    {
        var options = runtime.Options;
        var used = runtime.State.Queue.Running is null ? 0 : options.VramTotal / 3;
        var argv = new JsonArray("main.py", "--listen", "127.0.0.1", "--preview-method", runtime.Previews ? "latent2rgb" : "none");
        return JsonReply.Ok(new JsonObject
        {
            ["system"] = new JsonObject
            {
                ["os"] = "posix",
                ["ram_total"] = 64L * 1024 * 1024 * 1024,
                ["ram_free"] = 48L * 1024 * 1024 * 1024,
                ["comfyui_version"] = "0.3.64",
                ["required_frontend_version"] = "1.27.10",
                ["installed_templates_version"] = null,
                ["required_templates_version"] = "0.1.95",
                ["python_version"] = "3.12.3 (ComfyBot simulator)",
                ["pytorch_version"] = "simulated",
                ["embedded_python"] = false,
                ["argv"] = argv,
            },
            ["devices"] = new JsonArray(new JsonObject
            {
                ["name"] = options.GpuName,
                ["type"] = "cuda",
                ["index"] = 0,
                ["vram_total"] = options.VramTotal,
                ["vram_free"] = options.VramTotal - used,
                ["torch_vram_total"] = used,
                ["torch_vram_free"] = 0,
            }),
        });
    }
}
