using System.Text.Json.Nodes;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Testing;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue 13, choices per job: /imagine's checkpoint, sampler, scheduler, lora, lora_strength and denoise reach the
/// workflow and Details; their values come from, and are checked against, the lists of the servers able to run it.
/// </summary>
public sealed class ServerChoicesTests
{
    /// <summary>txt2img with one LoRA loader between the checkpoint and the sampler and text encoders.</summary>
    internal const string LoraTemplate = """
        {
          "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "trace_sd15_random.safetensors"}},
          "11": {"class_type": "LoraLoader", "inputs": {"lora_name": "detail_tweaker.safetensors", "strength_model": 1.0, "strength_clip": 1.0, "model": ["4", 0], "clip": ["4", 1]}},
          "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 256, "height": 256, "batch_size": 1}},
          "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a photo of a cat", "clip": ["11", 1]}},
          "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry", "clip": ["11", 1]}},
          "3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 4, "cfg": 7.0, "sampler_name": "euler", "scheduler": "normal", "denoise": 1.0,
                                                     "model": ["11", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}},
          "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
          "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "lora", "images": ["8", 0]}}
        }
        """;

    private const string Sd15 = "trace_sd15_random.safetensors";
    private const string Sdxl = "sdxl/sd_xl_base_1.0.safetensors";

    [Fact]
    public async Task ChosenValues_ReachTheWorkflowOnTheServer_AndDetailsShowsThem()
    {
        await using var bed = await StartAsync(1, (_, o) => o.Models = Models([Sd15, Sdxl], ["detail_tweaker.safetensors", "pixel_art.safetensors"]));

        var interaction = bed.Imagine(
            "a castle",
            null,
            SlashCommandOption.Text("workflow", "lora"),
            SlashCommandOption.Text("checkpoint", Sdxl),
            SlashCommandOption.Text("sampler", "dpmpp_2m"),
            SlashCommandOption.Text("scheduler", "karras"),
            SlashCommandOption.Text("lora", "pixel_art.safetensors"),
            SlashCommandOption.Number("lora_strength", 0.6),
            SlashCommandOption.Number("denoise", 0.9));
        var reply = await bed.WaitForDoneAsync(interaction);

        var prompt = await SubmittedWorkflowAsync(bed, 0);
        Assert.Equal(Sdxl, (string?)prompt["4"]!["inputs"]!["ckpt_name"]);
        Assert.Equal("dpmpp_2m", (string?)prompt["3"]!["inputs"]!["sampler_name"]);
        Assert.Equal("karras", (string?)prompt["3"]!["inputs"]!["scheduler"]);
        Assert.Equal(0.9, (double)prompt["3"]!["inputs"]!["denoise"]!);
        Assert.Equal("pixel_art.safetensors", (string?)prompt["11"]!["inputs"]!["lora_name"]);
        Assert.Equal(0.6, (double)prompt["11"]!["inputs"]!["strength_model"]!);
        Assert.Equal(0.6, (double)prompt["11"]!["inputs"]!["strength_clip"]!);

        var details = (await bed.WaitForAnswerAsync(bed.Click(reply, BotBed.Button(reply, "details")))).Content.Split('\n');
        Assert.Contains(@"checkpoint: sdxl/sd\_xl\_base\_1.0.safetensors", details);
        Assert.Contains(@"sampler: dpmpp\_2m", details);
        Assert.Contains("scheduler: karras", details);
        Assert.Contains(@"lora: pixel\_art.safetensors", details);
        Assert.Contains("lora_strength: 0.6", details);
        Assert.Contains("denoise: 0.9", details);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Details_MarksTheTemplatesOwnLora_AsTheWorkflowDefault()
    {
        await using var bed = await StartAsync(1, (_, o) => o.Models = Models([Sd15], ["detail_tweaker.safetensors"]));

        var reply = await bed.WaitForDoneAsync(bed.Imagine("a castle", null, SlashCommandOption.Text("workflow", "lora")));

        var details = (await bed.WaitForAnswerAsync(bed.Click(reply, BotBed.Button(reply, "details")))).Content.Split('\n');
        Assert.Contains(@"lora: detail\_tweaker.safetensors (workflow default)", details);
        Assert.Contains("lora_strength: 1 (workflow default)", details);
        Assert.Contains(@"checkpoint: trace\_sd15\_random.safetensors (workflow default)", details);
    }

    [Theory]
    [InlineData("sampler", "dpmpp2m", @"has the sampler 'dpmpp2m'. Close matches: 'dpmpp\_2m'")]
    [InlineData("lora", "pixelart", @"has the lora 'pixelart'. Close matches: 'pixel\_art.safetensors'")]
    [InlineData("checkpoint", "sd_xl_base", @"has the checkpoint 'sd\_xl\_base'. Close matches: 'sdxl/sd\_xl\_base\_1.0.safetensors'")]
    public async Task AValueNoCapableServerHas_IsRefusedAtOnce_WithTheCloseMatches(string option, string value, string expected)
    {
        await using var bed = await StartAsync(1, (_, o) => o.Models = Models([Sd15, Sdxl], ["detail_tweaker.safetensors", "pixel_art.safetensors"]));

        var answer = await bed.WaitForAnswerAsync(bed.Imagine("a castle", null, SlashCommandOption.Text("workflow", "lora"), SlashCommandOption.Text(option, value)));

        Assert.True(answer.IsEphemeral);
        Assert.Contains("No GPU server that can run 'lora' " + expected, answer.Content, StringComparison.Ordinal);
        Assert.Empty(bed.Runtime.Jobs.ListQueue());
        Assert.Null(await bed.Runtime.Store.GetAsync(1));
    }

    [Fact]
    public async Task AnOptionTheWorkflowDoesNotTake_IsRefused_NamingTheWorkflowsThatDo()
    {
        await using var bed = await StartAsync(1, (_, o) => o.Models = Models([Sd15], ["detail_tweaker.safetensors"]));

        // txt2img has no LoRA loader: before, Discord offered no lora option at all.
        var answer = await bed.WaitForAnswerAsync(bed.Imagine("a castle", null, SlashCommandOption.Text("lora", "detail_tweaker.safetensors")));

        Assert.True(answer.IsEphemeral);
        Assert.Contains("Workflow 'txt2img' has no lora option", answer.Content, StringComparison.Ordinal);
        Assert.Contains("workflows that take it: lora", answer.Content, StringComparison.Ordinal);
        Assert.Empty(bed.Runtime.Jobs.ListQueue());
    }

    [Fact]
    public async Task Autocomplete_OffersOnlyWhatAServerAbleToRunTheWorkflowHas()
    {
        // gpu-2 lists a LoRA but lacks the LoraLoader node, so it cannot run 'lora' and its LoRA is not offered.
        await using var bed = await StartAsync(2, (i, o) =>
        {
            o.Models = i == 0 ? Models([Sd15], ["detail_tweaker.safetensors", "pixel_art.safetensors"]) : Models([Sd15], ["detail_tweaker.safetensors", "only_on_gpu2.safetensors"]);
            o.MissingNodes = i == 1 ? ["LoraLoader"] : [];
        });
        var workflow = SlashCommandOption.Text("workflow", "lora");

        var loras = await SuggestAsync(bed, workflow, SlashCommandOption.Text("lora", string.Empty) with { Focused = true });
        Assert.Equal(["detail_tweaker.safetensors", "pixel_art.safetensors"], loras.Select(c => c.Value));

        var samplers = await SuggestAsync(bed, workflow, SlashCommandOption.Text("sampler", "dpmpp_2m") with { Focused = true });
        Assert.Equal("dpmpp_2m", samplers[0].Value);
        Assert.All(samplers, c => Assert.Contains("dpmpp_2m", c.Value, StringComparison.Ordinal));

        // A workflow without the option says so instead of offering values.
        var note = Assert.Single(await SuggestAsync(bed, SlashCommandOption.Text("workflow", "txt2img"), SlashCommandOption.Text("lora", "det") with { Focused = true }));
        Assert.Contains("Workflow 'txt2img' has no lora option (it is for lora)", note.Name, StringComparison.Ordinal);
        Assert.Equal("det", note.Value);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task AJob_GoesToTheServerThatHasItsLora_AndValuesOnNoOneServerAreRefused()
    {
        await using var bed = await StartAsync(2, (i, o) => o.Models = i == 0 ? Models([Sd15, Sdxl], ["detail_tweaker.safetensors"]) : Models([Sd15], ["detail_tweaker.safetensors", "pixel_art.safetensors"]));
        var workflow = SlashCommandOption.Text("workflow", "lora");

        var labels = await SuggestAsync(bed, workflow, SlashCommandOption.Text("lora", "pixel") with { Focused = true });
        Assert.Equal("pixel_art.safetensors (only on gpu-2)", Assert.Single(labels).Name);

        for (var i = 0; i < 3; i++)
        {
            await bed.WaitForDoneAsync(bed.Imagine($"pixel {i}", null, workflow, SlashCommandOption.Text("lora", "pixel_art.safetensors")));
        }

        for (var id = 1; id <= 3; id++)
        {
            Assert.Equal("gpu-2", (await bed.Runtime.Store.GetAsync(id))!.Backend);
        }

        var answer = await bed.WaitForAnswerAsync(bed.Imagine("both", null, workflow, SlashCommandOption.Text("lora", "pixel_art.safetensors"), SlashCommandOption.Text("checkpoint", Sdxl)));
        Assert.True(answer.IsEphemeral);
        Assert.Contains(@"No single GPU server has all you chose for 'lora': gpu-1 lacks lora 'pixel\_art.safetensors'; gpu-2 lacks checkpoint 'sdxl/sd\_xl\_base\_1.0.safetensors'", answer.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerWhoseListsWereNeverRead_IsNamedInTheSuggestions_UntilItComesBackAndTheyAreRead()
    {
        var options = new BotBedOptions
        {
            Backends = 2,
            ConfigureSimulator = (i, o) => o.Models = i == 0 ? Models([Sd15], ["detail_tweaker.safetensors"]) : Models([Sd15], ["detail_tweaker.safetensors", "pixel_art.safetensors"]),
            PrepareSimulators = simulators => simulators[1].Disconnect(),
        };
        options.ExtraTemplates["lora"] = LoraTemplate;
        await using var bed = await BotBed.StartAsync(options);
        await Polling.UntilAsync(() => bed.Runtime.Monitor.Backends[0].Catalog is not null && bed.Runtime.Monitor.Backends[1].Health.State == Core.Backends.BackendState.Down, BotBed.HangGuard);
        var workflow = SlashCommandOption.Text("workflow", "lora");
        var typing = SlashCommandOption.Text("lora", string.Empty) with { Focused = true };

        var before = await SuggestAsync(bed, workflow, typing);
        Assert.Equal("⚠ gpu-2: its lists could not be read yet, so its loras are not shown.", before[0].Name);
        Assert.Equal(["detail_tweaker.safetensors"], before.Skip(1).Select(c => c.Value));

        // Its lists are read when it comes back: its LoRA is offered, labelled as only there.
        bed.Simulators[1].Reconnect();
        await Polling.UntilAsync(() => bed.Runtime.Monitor.Backends[1].Catalog is not null, BotBed.HangGuard);
        var after = await SuggestAsync(bed, workflow, typing);
        Assert.Equal(["detail_tweaker.safetensors", "pixel_art.safetensors"], after.Select(c => c.Value));
        Assert.Equal("pixel_art.safetensors (only on gpu-2)", after[1].Name);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task AJobWhoseLoraIsOnlyOnAServerThatIsDown_WaitsSayingSo_AndRunsThereWhenItIsBack()
    {
        await using var bed = await StartAsync(2, (i, o) => o.Models = i == 0 ? Models([Sd15], ["detail_tweaker.safetensors"]) : Models([Sd15], ["detail_tweaker.safetensors", "pixel_art.safetensors"]));
        bed.Simulators[1].Disconnect();
        await Polling.UntilAsync(() => !bed.Runtime.Monitor.Backends[1].Health.IsUp, BotBed.HangGuard);

        // gpu-1 is up and idle but lacks the LoRA: sent there, ComfyUI would refuse the prompt.
        var interaction = bed.Imagine("pixel castle", null, SlashCommandOption.Text("workflow", "lora"), SlashCommandOption.Text("lora", "pixel_art.safetensors"));
        await bed.WaitForOriginalAsync(interaction, s => s.Content.Contains("No reachable GPU server that runs 'lora' has the checkpoint, sampler, scheduler or LoRA you chose", StringComparison.Ordinal));
        Assert.Equal(0, await HistoryCountAsync(bed, 0));

        bed.Simulators[1].Reconnect();
        await bed.WaitForDoneAsync(interaction);
        var job = await bed.Runtime.Store.GetAsync(1);
        Assert.Equal(Core.Jobs.JobState.Succeeded, job!.State);
        Assert.Equal("gpu-2", job.Backend);
    }

    [Fact]
    public async Task AMissingValue_HasTheServersListsReadAgain_SoAFileJustAddedIsFoundWithoutWaitingForTheHalfHourlyRead()
    {
        var options = new BotBedOptions { ConfigureSimulator = (_, o) => o.Models = Models([Sd15], ["detail_tweaker.safetensors"]) };
        options.ExtraTemplates["lora"] = LoraTemplate;
        options.Configuration["ComfyBot:BackendMonitor:CatalogueRereadOnMiss"] = "00:00:00";
        await using var bed = await BotBed.StartAsync(options);
        var backend = bed.Runtime.Monitor.Backends[0];
        await Polling.UntilAsync(() => backend.Catalog is not null, BotBed.HangGuard);
        var readAt = backend.CatalogueReadAt;

        // The LoRA is copied onto the server after the bot read its lists (CatalogueRefreshInterval is a minute here).
        bed.Simulator.SetModels("loras", ["detail_tweaker.safetensors", "fresh.safetensors"]);
        var lora = SlashCommandOption.Text("lora", "fresh.safetensors");
        var refused = await bed.WaitForAnswerAsync(bed.Imagine("fresh", null, SlashCommandOption.Text("workflow", "lora"), lora));
        Assert.Contains("has the lora 'fresh.safetensors'", refused.Content, StringComparison.Ordinal);
        Assert.Contains("Their lists are being read again now: if the file was just added to a server, try again in a few seconds.", refused.Content, StringComparison.Ordinal);

        await Polling.UntilAsync(() => backend.CatalogueReadAt > readAt, BotBed.HangGuard);
        var reply = await bed.WaitForDoneAsync(bed.Imagine("fresh", null, SlashCommandOption.Text("workflow", "lora"), lora));
        Assert.Contains("fresh.safetensors", (string?)(await SubmittedWorkflowAsync(bed, 0))["11"]!["inputs"]!["lora_name"], StringComparison.Ordinal);
        Assert.False(reply.Current.IsEphemeral);
    }

    private static Dictionary<string, IReadOnlyList<string>> Models(IReadOnlyList<string> checkpoints, IReadOnlyList<string> loras) =>
        new() { ["checkpoints"] = checkpoints, ["loras"] = loras };

    private static async Task<BotBed> StartAsync(int backends, Action<int, ComfyBot.Simulator.SimulatorOptions> configure)
    {
        var options = new BotBedOptions { Backends = backends, ConfigureSimulator = configure };
        options.ExtraTemplates["lora"] = LoraTemplate;
        var bed = await BotBed.StartAsync(options);

        // The servers' lists are read at the first health check; choices are judged against them.
        await Polling.UntilAsync(() => bed.Runtime.Monitor.Backends.All(b => b.Catalog is not null), BotBed.HangGuard);
        return bed;
    }

    private static async Task<IReadOnlyList<(string Name, string Value)>> SuggestAsync(BotBed bed, params SlashCommandOption[] options)
    {
        var interaction = bed.Fake.CreateAutocomplete("imagine", options);
        var callback = await interaction.WaitForCallbackAsync().WaitAsync(BotBed.HangGuard);
        Assert.Equal(8, callback.Type);
        return [.. callback.Data!.Value.GetProperty("choices").EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("value").GetString()!))];
    }

    private static async Task<int> HistoryCountAsync(BotBed bed, int index)
    {
        using var http = new HttpClient();
        return JsonNode.Parse(await http.GetStringAsync(new Uri(bed.Simulators[index].BaseAddress, "/history")))!.AsObject().Count;
    }

    /// <summary>The workflow of the only prompt simulator <paramref name="index"/> ran, from its GET /history.</summary>
    private static async Task<JsonNode> SubmittedWorkflowAsync(BotBed bed, int index)
    {
        using var http = new HttpClient();
        var history = JsonNode.Parse(await http.GetStringAsync(new Uri(bed.Simulators[index].BaseAddress, "/history")))!.AsObject();
        var entry = Assert.Single(history).Value!;
        return entry["prompt"]![2]!;
    }
}
