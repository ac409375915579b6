using System.Text.Json.Nodes;
using ComfyBot.Simulator.Tests.Support;

namespace ComfyBot.Simulator.Tests.Scenarios;

/// <summary>
/// <see cref="SimulatorOptions.Models"/>: a server's model files, as ComfyUI lists them from its disk in both GET
/// /models/{folder} and the loaders' combos (ckpt_name, lora_name), which then accept only those files.
/// </summary>
public sealed class ModelListsTests
{
    private static readonly string[] Loras = ["detail_tweaker.safetensors", "styles/pixel_art.safetensors"];

    [Fact]
    public async Task Given_models_are_listed_by_their_folder_and_by_every_loader_combo_that_reads_it()
    {
        await using var sim = await Comfy.StartAsync(o => o.Models = new Dictionary<string, IReadOnlyList<string>> { ["loras"] = Loras });
        using var http = Comfy.Http(sim);

        Assert.Equal(Loras, Strings(await Comfy.GetJsonAsync(http, "/models/loras")));
        var info = (await Comfy.GetJsonAsync(http, "/object_info"))!;
        Assert.Equal(Loras, Strings(info["LoraLoader"]!["input"]!["required"]!["lora_name"]![0]));
        Assert.Equal(Loras, Strings(info["LoraLoaderModelOnly"]!["input"]!["required"]!["lora_name"]![0]));

        // Folders not given keep the recorded server's files.
        Assert.Equal(["trace_sd15_random.safetensors"], Strings(await Comfy.GetJsonAsync(http, "/models/checkpoints")));
        Assert.Equal(Strings(info["CheckpointLoaderSimple"]!["input"]!["required"]!["ckpt_name"]![0]), Strings(await Comfy.GetJsonAsync(http, "/models/checkpoints")));
    }

    [Fact]
    public async Task A_lora_the_server_does_not_have_is_refused_as_ComfyUI_refuses_a_value_not_in_its_list()
    {
        await using var sim = await Comfy.StartAsync(o => o.Models = new Dictionary<string, IReadOnlyList<string>> { ["loras"] = Loras });
        using var http = Comfy.Http(sim);

        using var ok = await http.PostAsync("/prompt", Comfy.Json(new JsonObject { ["prompt"] = Workflow("detail_tweaker.safetensors") }));
        using var refused = await http.PostAsync("/prompt", Comfy.Json(new JsonObject { ["prompt"] = Workflow("missing.safetensors") }));

        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal(400, (int)refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("value_not_in_list", body, StringComparison.Ordinal);
        Assert.Contains("lora_name: 'missing.safetensors' not in", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_set_while_running_are_listed_and_accepted_from_the_next_request()
    {
        await using var sim = await Comfy.StartAsync();
        using var http = Comfy.Http(sim);
        Assert.Empty(Strings(await Comfy.GetJsonAsync(http, "/models/loras")));

        sim.SetModels("loras", Loras);

        Assert.Equal(Loras, Strings(await Comfy.GetJsonAsync(http, "/models/loras")));
        Assert.Equal(Loras, Strings((await Comfy.GetJsonAsync(http, "/object_info/LoraLoader"))!["LoraLoader"]!["input"]!["required"]!["lora_name"]![0]));
        using var ok = await http.PostAsync("/prompt", Comfy.Json(new JsonObject { ["prompt"] = Workflow("styles/pixel_art.safetensors") }));
        Assert.Equal(200, (int)ok.StatusCode);
    }

    private static JsonNode Workflow(string lora) => JsonNode.Parse($$$"""
        {
          "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "trace_sd15_random.safetensors"}},
          "11": {"class_type": "LoraLoader", "inputs": {"lora_name": "{{{lora}}}", "strength_model": 1.0, "strength_clip": 1.0, "model": ["4", 0], "clip": ["4", 1]}},
          "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 64, "height": 64, "batch_size": 1}},
          "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat", "clip": ["11", 1]}},
          "3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 1, "cfg": 7.0, "sampler_name": "euler", "scheduler": "normal", "denoise": 1.0,
                                                     "model": ["11", 0], "positive": ["6", 0], "negative": ["6", 0], "latent_image": ["5", 0]}},
          "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
          "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "lora", "images": ["8", 0]}}
        }
        """)!;

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];
}
