using System.Text.Json.Nodes;
using ComfyBot.Comfy.Nodes;
using ComfyBot.Testing;

namespace ComfyBot.Comfy.Tests.Nodes;

public sealed class NodeCatalogTests
{
    private static NodeCatalog Catalog => RecordedCatalog.Instance;

    [Fact]
    public void Parse_RecordedObjectInfo_ReadsEveryClassIncludingTraceNodes()
    {
        Assert.Equal(379, Catalog.Count);
        Assert.True(Catalog.Contains("TraceSleep"));
        Assert.True(Catalog.Contains("TraceFail"));
        Assert.False(Catalog.Contains("ksampler"));
    }

    [Fact]
    public void Parse_KSampler_ReadsTypesBoundsDefaultsAndInputOrder()
    {
        var ksampler = Catalog.GetNode("KSampler");

        Assert.Equal("KSampler", ksampler.DisplayName);
        Assert.Equal("sampling", ksampler.Category);
        Assert.False(ksampler.IsOutputNode);
        Assert.Equal(
            ["model", "seed", "steps", "cfg", "sampler_name", "scheduler", "positive", "negative", "latent_image", "denoise"],
            ksampler.Inputs.Select(i => i.Name));
        Assert.True(ksampler.TryGetInput("seed", out var seed));
        Assert.Equal("INT", seed.Type);
        Assert.Equal(0m, seed.Minimum);
        Assert.Equal(18446744073709551615m, seed.Maximum);
        Assert.True(ksampler.TryGetInput("steps", out var steps));
        Assert.Equal((1m, 10000m, 20), (steps.Minimum!.Value, steps.Maximum!.Value, steps.Default!.Value.GetInt32()));
        Assert.True(ksampler.TryGetInput("cfg", out var cfg));
        Assert.Equal(("FLOAT", 0.1m), (cfg.Type, cfg.Step!.Value));
        Assert.True(ksampler.TryGetInput("model", out var model));
        Assert.Equal(("MODEL", true, null), (model.Type, model.IsRequired, model.Options));
    }

    [Fact]
    public void Parse_V1Combo_ReadsOptionsFromTheFirstSlot()
    {
        Assert.True(Catalog.GetNode("KSampler").TryGetInput("sampler_name", out var sampler));

        Assert.True(sampler.IsCombo);
        Assert.Equal("euler", sampler.Options![0]);
        Assert.Contains("dpmpp_2m", sampler.Options);
        Assert.False(sampler.IsModelFile);
    }

    [Fact]
    public void Parse_V3Combo_ReadsOptionsFromTheOptionsKey()
    {
        // ImageBlend is a V3 node in the recording: ["COMBO", {"options": ["normal", "multiply", ...]}].
        Assert.True(Catalog.GetNode("ImageBlend").TryGetInput("blend_mode", out var mode));

        Assert.Equal(NodeInput.ComboType, mode.Type);
        Assert.Equal(["normal", "multiply", "screen", "overlay", "soft_light"], mode.Options!.Take(5));
    }

    [Fact]
    public void Parse_V3ComboWithoutOptions_HasAnEmptyChoiceList()
    {
        Assert.True(Catalog.GetNode("LoadImageOutput").TryGetInput("image", out var image));
        Assert.True(image.IsCombo);
        Assert.Empty(image.Options!);
    }

    [Fact]
    public void Parse_V3SampleFile_ReadsComboAndFallsBackToClassNameForNullDisplayName()
    {
        var sample = JsonNode.Parse(RepositoryFixtures.ReadText("comfy", "samples", "http_get_object_info_KSamplerSelect_v3.json"))!.AsObject();
        sample.Remove("_note");
        var catalog = RecordedCatalog.Parse(sample.ToJsonString());

        var select = catalog.GetNode("KSamplerSelect");
        Assert.Equal("KSamplerSelect", select.DisplayName);
        Assert.True(select.TryGetInput("sampler_name", out var sampler));
        Assert.Equal(["euler", "euler_cfg_pp", "...", "uni_pc_bh2"], sampler.Options);
        Assert.Equal(new NodeOutput(0, "SAMPLER", "SAMPLER", false), select.Outputs.Single());
    }

    [Fact]
    public void Parse_Outputs_ReadTypesNamesAndOutputNodes()
    {
        Assert.Equal(["MODEL", "CLIP", "VAE"], Catalog.GetNode("CheckpointLoaderSimple").Outputs.Select(o => o.Type));
        Assert.Equal(["output", "denoised_output"], Catalog.GetNode("SamplerCustomAdvanced").Outputs.Select(o => o.Name));
        Assert.True(Catalog.GetNode("SaveImage").IsOutputNode);
        Assert.Empty(Catalog.GetNode("SaveImage").Outputs);
        Assert.Equal("CLIPTextEncodeSDXL", Catalog.GetNode("CLIPTextEncodeSDXL").DisplayName);
    }

    [Fact]
    public void Parse_OptionalAndHiddenInputs_KeepsOptionalDropsHidden()
    {
        var sleep = Catalog.GetNode("TraceSleep");
        Assert.True(sleep.TryGetInput("value", out var value));
        Assert.False(value.IsRequired);
        Assert.False(Catalog.GetNode("SaveImage").TryGetInput("prompt", out _));
    }

    [Theory]
    [InlineData("CheckpointLoaderSimple", "ckpt_name", "checkpoints")]
    [InlineData("VAELoader", "vae_name", "vae")]
    [InlineData("LoraLoader", "lora_name", "loras")]
    [InlineData("CLIPVisionLoader", "clip_name", "clip_vision")]
    [InlineData("CLIPLoader", "clip_name", "text_encoders")]
    [InlineData("UNETLoader", "unet_name", "diffusion_models")]
    [InlineData("ControlNetLoader", "control_net_name", "controlnet")]
    public void Parse_ModelFileCombos_KnowTheirFolder(string classType, string input, string folder)
    {
        Assert.True(Catalog.GetNode(classType).TryGetInput(input, out var combo));
        Assert.True(combo.IsModelFile);
        Assert.Equal(folder, combo.ModelFolder);
    }

    [Fact]
    public void Parse_LoadImage_MarksTheUploadCombo()
    {
        Assert.True(Catalog.GetNode("LoadImage").TryGetInput("image", out var image));
        Assert.True(image.IsUpload);
        Assert.False(image.IsModelFile);
        Assert.Contains("trace_input.png", image.Options!);
    }

    [Fact]
    public void GetNode_UnknownClass_SuggestsCloseNames()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Catalog.GetNode("KSamplr"));
        Assert.Contains("'KSamplr'", error.Message, StringComparison.Ordinal);
        Assert.Contains("KSampler", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RootNotAnObject_SaysWhatWasExpected()
    {
        var error = Assert.Throws<FormatException>(() => RecordedCatalog.Parse("[1, 2]"));
        Assert.Contains("GET /object_info", error.Message, StringComparison.Ordinal);
        Assert.Contains("Array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedInputSpec_NamesTheClassAndInput()
    {
        var error = Assert.Throws<FormatException>(() => RecordedCatalog.Parse(
            """{"Broken": {"input": {"required": {"amount": "INT"}}, "output": []}}"""));
        Assert.Contains("'Broken'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'amount'", error.Message, StringComparison.Ordinal);
    }
}
