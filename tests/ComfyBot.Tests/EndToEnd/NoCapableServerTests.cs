using ComfyBot.Core.Jobs;
using ComfyBot.Core.Progress;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.Testing;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue 10, through FakeDiscord and the simulators: a job whose template only a server that is down can run says so
/// from its first reply, not "Queued", and runs once that server is back; a template no server can run is refused at
/// once.
/// </summary>
public sealed class NoCapableServerTests
{
    private static readonly InteractionOrigin Fay = BotBed.Member(1_300_000_000_000_000_221, "fay");

    [Fact]
    public async Task Imagine_WhenOnlyADownServerCanRunTheTemplate_SaysNoReachableServerCanFromTheFirstReply_AndRunsWhenItIsBack()
    {
        var options = new BotBedOptions { Backends = 2 };

        // gpu-2 lacks the custom node the template saves with; gpu-1 has it.
        options.ConfigureSimulator = (i, simulator) => simulator.MissingNodes = i == 1 ? ["SaveImageWebsocket"] : [];
        options.ExtraTemplates["wsimage"] = WebSocketSavingTemplate();
        await using var bed = await BotBed.StartAsync(options);
        bed.Simulators[0].Disconnect();
        await bed.Runtime.Monitor.PollOnceAsync().WaitAsync(BotBed.HangGuard);
        Assert.False(bed.Runtime.Monitor.Backends[0].Health.IsUp);
        Assert.True(bed.Runtime.Monitor.Backends[1].Health.IsUp);

        var interaction = bed.Imagine("only gpu-1 can", Fay, Steps, Batch, SlashCommandOption.Text("workflow", "wsimage"));
        var reply = await bed.WaitForOriginalAsync(interaction, s => s.Content.StartsWith('⏳'));

        // Its first state after the deferral gives the reason: a server is up, so "offline" would not be true either.
        Assert.Equal($"⏳ Queued: #1 in line\n{ReplyTexts.NoCapableServer("wsimage")}", reply.History.First(s => s.Content.Length > 0).Content);
        Assert.DoesNotContain(reply.History, s => s.Content.Contains("starts in about", StringComparison.Ordinal));
        Assert.Equal(JobState.Waiting, Assert.Single(await bed.Runtime.Store.ListByOwnerAsync(Fay.User!.Id, includeFinished: true)).State);
        Assert.Empty(bed.Simulators[1].ViewedFiles);

        bed.Simulators[0].Reconnect();
        await bed.Runtime.Monitor.PollOnceAsync().WaitAsync(BotBed.HangGuard);
        var done = await bed.WaitForDoneAsync(interaction);

        Assert.StartsWith("✅ Done: 1 image", done.Current.Content, StringComparison.Ordinal);
        Assert.Single(done.Current.Attachments);
        var job = Assert.Single(await bed.Runtime.Store.ListByOwnerAsync(Fay.User!.Id, includeFinished: true));
        Assert.Equal(("gpu-1", JobState.Succeeded), (job.Backend, job.State));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_WhenNoServerCanRunTheTemplate_IsRefusedAtOnceNamingTheMissingNode()
    {
        var options = new BotBedOptions();
        options.ConfigureSimulator = (_, simulator) => simulator.MissingNodes = ["SaveImageWebsocket"];
        options.ExtraTemplates["wsimage"] = WebSocketSavingTemplate();
        await using var bed = await BotBed.StartAsync(options);

        var interaction = bed.Imagine("nobody can", Fay, Steps, Batch, SlashCommandOption.Text("workflow", "wsimage"));
        var answer = await bed.WaitForAnswerAsync(interaction);

        Assert.StartsWith("The workflow 'wsimage' cannot run on any GPU server:", answer.Content, StringComparison.Ordinal);
        Assert.Contains("SaveImageWebsocket", answer.Content, StringComparison.Ordinal);
        Assert.True(answer.IsEphemeral);
        Assert.Empty(await bed.Runtime.Store.ListByOwnerAsync(Fay.User!.Id, includeFinished: true));
        bed.Fake.AssertNoContractViolations();
    }

    /// <summary>txt2img, saving over the WebSocket (the SaveImageWebsocket custom node) instead of to the output folder.</summary>
    private static string WebSocketSavingTemplate() => """
        {
          "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "trace_sd15_random.safetensors"}},
          "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 256, "height": 256, "batch_size": 1}},
          "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a photo of a cat", "clip": ["4", 1]}},
          "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry, low quality", "clip": ["4", 1]}},
          "3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 8, "cfg": 7.0, "sampler_name": "euler", "scheduler": "normal", "denoise": 1.0,
                                                     "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}},
          "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
          "9": {"class_type": "SaveImageWebsocket", "inputs": {"images": ["8", 0]}}
        }
        """;

    private static SlashCommandOption Steps => SlashCommandOption.WholeNumber("steps", 4);

    private static SlashCommandOption Batch => SlashCommandOption.WholeNumber("batch", 1);
}
