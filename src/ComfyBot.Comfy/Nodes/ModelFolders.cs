using System.Collections.Frozen;

namespace ComfyBot.Comfy.Nodes;

/// <summary>
/// Which model folder (the GET /models/{folder} key) a file-choosing combo reads. ComfyUI does not say so in object_info,
/// so this follows the loaders in its nodes.py; class-specific entries win over the input-name ones.
/// </summary>
internal static class ModelFolders
{
    private static readonly FrozenDictionary<string, string> ByInputName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ckpt_name"] = "checkpoints",
        ["config_name"] = "configs",
        ["vae_name"] = "vae",
        ["lora_name"] = "loras",
        ["clip_name"] = "text_encoders",
        ["clip_name1"] = "text_encoders",
        ["clip_name2"] = "text_encoders",
        ["clip_name3"] = "text_encoders",
        ["clip_name4"] = "text_encoders",
        ["unet_name"] = "diffusion_models",
        ["control_net_name"] = "controlnet",
        ["style_model_name"] = "style_models",
        ["gligen_name"] = "gligen",
        ["hypernetwork_name"] = "hypernetworks",
        ["photomaker_model_name"] = "photomaker",
        ["upscale_model_name"] = "upscale_models",
        ["audio_encoder_name"] = "audio_encoders",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<(string ClassType, string Input), string> ByClass = new Dictionary<(string ClassType, string Input), string>
    {
        [("CLIPVisionLoader", "clip_name")] = "clip_vision",
        [("UpscaleModelLoader", "model_name")] = "upscale_models",
        [("DiffusersLoader", "model_path")] = "diffusers",
        [("ModelPatchLoader", "name")] = "model_patches",
    }.ToFrozenDictionary();

    /// <summary>The folder for a combo input, or null when it does not choose a model file.</summary>
    public static string? For(string classType, string inputName) =>
        ByClass.TryGetValue((classType, inputName), out var folder) ? folder
        : ByInputName.TryGetValue(inputName, out folder) ? folder
        : null;
}
