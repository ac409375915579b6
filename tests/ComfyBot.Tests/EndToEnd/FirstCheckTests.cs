using System.Net;
using System.Text.Json;
using ComfyBot.Core.Backends;
using ComfyBot.Core.Jobs;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.SlashCommands;
using ComfyBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// Issue 15, through FakeDiscord and the simulator: READY does not wait for the servers' first check (a real ComfyUI
/// with many custom nodes takes seconds over /object_info), and nothing is refused, warned of or offered wrongly while
/// that check runs. The simulator holds its first /object_info on a signal, so the window is as long as the test needs.
/// Before, start-up awaited the first check, so each of these timed out waiting for READY.
/// </summary>
public sealed class FirstCheckTests
{
    private static readonly InteractionOrigin Gil = BotBed.Member(1_300_000_000_000_000_231, "gil");

    [Fact]
    public async Task Ready_ComesWhileTheFirstObjectInfoIsHeld_AndAnImagineSentThenWaitsSayingSo_AndRunsOnceItAnswers()
    {
        var options = WithHttpPort(HeldFirstCheck());

        // StartAsync returns at READY: before, start-up awaited the first check, and READY never came while it was held.
        await using var bed = await BotBed.StartAsync(options);
        await bed.Simulator.ObjectInfoHeld.WaitAsync(BotBed.HangGuard);
        var monitor = bed.Runtime.Monitor;
        Assert.Equal(BackendState.NotCheckedYet, monitor.Backends[0].Health.State);
        Assert.False(monitor.FirstCheck.IsCompleted);

        // /healthz: the server is "not checked yet", which is no reason to restart a bot that just started.
        var (status, body) = await HealthAsync(bed);
        using (var health = JsonDocument.Parse(body))
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("degraded", health.RootElement.GetProperty("status").GetString());
            Assert.Equal("not-checked-yet", health.RootElement.GetProperty("backends")[0].GetProperty("state").GetString());
            Assert.False(health.RootElement.TryGetProperty("firstCheck", out var first) && first.ValueKind != JsonValueKind.Null);
        }

        var interaction = bed.Imagine("sent in the first instants", Gil, SlashCommandOption.WholeNumber("steps", 4), SlashCommandOption.WholeNumber("batch", 1));
        var waiting = await bed.WaitForOriginalAsync(interaction, s => s.Content.Length > 0);

        // It says it waits for the servers' first check: not "Queued" as if they were known, and not a refusal.
        Assert.Equal(ImagineCommand.WaitingForFirstCheck("gpu-1"), waiting.Current.Content);
        Assert.False(waiting.Current.IsEphemeral);
        Assert.Empty(await bed.Runtime.Store.ListByOwnerAsync(Gil.User!.Id, includeFinished: true));

        bed.Simulator.ReleaseObjectInfo();
        var done = await bed.WaitForDoneAsync(interaction);

        Assert.StartsWith("✅ Done: 1 image", done.Current.Content, StringComparison.Ordinal);
        Assert.Equal(ImagineCommand.WaitingForFirstCheck("gpu-1"), done.History.First(s => s.Content.Length > 0).Content);
        Assert.Equal(JobState.Succeeded, Assert.Single(await bed.Runtime.Store.ListByOwnerAsync(Gil.User!.Id, includeFinished: true)).State);
        await monitor.FirstCheck.WaitAsync(BotBed.HangGuard);
        (status, body) = await HealthAsync(bed);
        using (var health = JsonDocument.Parse(body))
        {
            Assert.Equal("healthy", health.RootElement.GetProperty("status").GetString());
            Assert.True(health.RootElement.GetProperty("firstCheck").GetProperty("tookMs").GetInt64() >= 0);
        }

        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_WaitingForTheFirstCheck_WhenTheBotStops_SaysItWasNotQueued_InsteadOfPromisingAQueue()
    {
        await using var bed = await BotBed.StartAsync(HeldFirstCheck());
        await bed.Simulator.ObjectInfoHeld.WaitAsync(BotBed.HangGuard);
        var interaction = bed.Imagine("sent, then the bot stops", Gil, SlashCommandOption.WholeNumber("steps", 4), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(interaction, s => s.Content == ImagineCommand.WaitingForFirstCheck("gpu-1"));

        // Nothing was stored for it: before, the reply went on saying it would be queued once the servers answered.
        await bed.StopHostAsync();
        bed.Simulator.ReleaseObjectInfo();

        var stopped = await bed.WaitForOriginalAsync(interaction, s => s.Content == ImagineCommand.StoppedBeforeFirstCheck);
        Assert.False(stopped.Current.IsEphemeral);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_WaitingForAFirstCheckThatDoesNotAnswerWithinFirstCheckWait_SaysSoAndThatItWasNotQueued_OnAFakeClock()
    {
        // The bot's clock is fake (the simulator and FakeDiscord keep real time): the limit passes when the test says.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = HeldFirstCheck();
        options.Time = clock;
        options.Configuration["ComfyBot:BackendMonitor:FirstCheckWait"] = "00:00:30";
        await using var bed = await BotBed.StartAsync(options);
        await bed.Simulator.ObjectInfoHeld.WaitAsync(BotBed.HangGuard);
        var interaction = bed.Imagine("sent while the server does not answer", Gil, SlashCommandOption.WholeNumber("steps", 4), SlashCommandOption.WholeNumber("batch", 1));
        await bed.WaitForOriginalAsync(interaction, s => s.Content == ImagineCommand.WaitingForFirstCheck("gpu-1"));

        // Before, only the probe's client timeouts (here 10 minutes) ended the wait. The wait starts just after the
        // reply is sent, so the clock moves on until its limit has passed.
        var tooSlow = bed.WaitForOriginalAsync(interaction, s => s.Content.StartsWith('⌛'));
        await Polling.UntilAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromSeconds(10));
                return tooSlow.IsCompleted;
            },
            BotBed.HangGuard);
        var told = (await tooSlow).Current;

        Assert.StartsWith("⌛ The GPU servers did not answer their first check in time (gpu-1 still not checked after ", told.Content, StringComparison.Ordinal);
        Assert.Contains("so this request was not checked against them and was not queued. Please send it again", told.Content, StringComparison.Ordinal);
        Assert.False(told.IsEphemeral);
        Assert.Equal(BackendState.NotCheckedYet, bed.Runtime.Monitor.Backends[0].Health.State);

        // Nothing was stored or queued for it, before the server answers or after.
        bed.Simulator.ReleaseObjectInfo();
        await bed.Runtime.Monitor.FirstCheck.WaitAsync(BotBed.HangGuard);
        Assert.Empty(await bed.Runtime.Store.ListByOwnerAsync(Gil.User!.Id, includeFinished: true));
        Assert.Equal(told.Content, interaction.OriginalMessage!.Current.Content);
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Imagine_BeforeTheFirstCheck_OfATemplateNoServerCanRun_IsNotRefusedUntilItAnswers_ThenWithTheUsualMessage()
    {
        var options = HeldFirstCheck();
        options.ConfigureSimulator = (_, simulator) => simulator.MissingNodes = ["SaveImageWebsocket"];
        options.ExtraTemplates["wsimage"] = WebSocketSavingTemplate;
        await using var bed = await BotBed.StartAsync(options);
        await bed.Simulator.ObjectInfoHeld.WaitAsync(BotBed.HangGuard);

        var interaction = bed.Imagine("nobody can", Gil, SlashCommandOption.WholeNumber("steps", 4), SlashCommandOption.WholeNumber("batch", 1), SlashCommandOption.Text("workflow", "wsimage"));
        var waiting = await bed.WaitForOriginalAsync(interaction, s => s.Content.Length > 0);

        // Judged before the server answered, it would have been refused for want of a catalogue, or queued for ever.
        Assert.Equal(ImagineCommand.WaitingForFirstCheck("gpu-1"), waiting.Current.Content);
        Assert.Empty(interaction.Followups);

        bed.Simulator.ReleaseObjectInfo();

        // The public "waiting" reply cannot turn ephemeral: it is removed and the member alone is told.
        await bed.Fake.WaitForAsync(_ => interaction.Followups.Count > 0).WaitAsync(BotBed.HangGuard);
        var answer = interaction.Followups[^1].Current;

        Assert.StartsWith("The workflow 'wsimage' cannot run on any GPU server:", answer.Content, StringComparison.Ordinal);
        Assert.Contains("SaveImageWebsocket", answer.Content, StringComparison.Ordinal);
        Assert.True(answer.IsEphemeral);
        Assert.Empty(await bed.Runtime.Store.ListByOwnerAsync(Gil.User!.Id, includeFinished: true));
        bed.Fake.AssertNoContractViolations();
    }

    [Fact]
    public async Task Autocomplete_WhileTheFirstCheckRuns_SaysTheListsAreStillBeingRead_ThenOffersThem()
    {
        var options = HeldFirstCheck();
        await using var bed = await BotBed.StartAsync(options);
        await bed.Simulator.ObjectInfoHeld.WaitAsync(BotBed.HangGuard);
        var typing = SlashCommandOption.Text("sampler", "euler") with { Focused = true };

        var during = await SuggestAsync(bed, typing);

        var note = Assert.Single(during);
        Assert.Contains("gpu-1: the bot just started and is still reading its lists", note.Name, StringComparison.Ordinal);
        Assert.Equal("euler", note.Value);

        bed.Simulator.ReleaseObjectInfo();
        await bed.Runtime.Monitor.FirstCheck.WaitAsync(BotBed.HangGuard);
        var after = await SuggestAsync(bed, typing);

        Assert.Equal("euler", after[0].Value);
        Assert.DoesNotContain(after, c => c.Name.Contains("still reading", StringComparison.Ordinal));
        bed.Fake.AssertNoContractViolations();
    }

    /// <summary>txt2img, saving over the WebSocket (the SaveImageWebsocket custom node) instead of to the output folder.</summary>
    private const string WebSocketSavingTemplate = """
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

    /// <summary>A bed that returns at READY, its server holding the first /object_info until the test releases it.</summary>
    private static BotBedOptions HeldFirstCheck()
    {
        var options = new BotBedOptions { WaitForFirstCheck = false, PrepareSimulators = s => s[0].HoldObjectInfo() };

        // The hold ends when the test releases it, not when the client gives up on a busy machine.
        options.Configuration["ComfyBot:Backends:0:Http:RequestTimeout"] = "00:10:00";
        return options;
    }

    private static BotBedOptions WithHttpPort(BotBedOptions options)
    {
        options.Configuration["ComfyBot:Http:ListenUrls"] = "http://127.0.0.1:0";
        return options;
    }

    private static async Task<(HttpStatusCode Status, string Body)> HealthAsync(BotBed bed)
    {
        using var http = new HttpClient { Timeout = BotBed.HangGuard };
        using var response = await http.GetAsync(new Uri(bed.HttpBase!, "/healthz"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<IReadOnlyList<(string Name, string Value)>> SuggestAsync(BotBed bed, params SlashCommandOption[] options)
    {
        var interaction = bed.Fake.CreateAutocomplete("imagine", options, Gil);
        var callback = await interaction.WaitForCallbackAsync().WaitAsync(BotBed.HangGuard);
        Assert.Equal(8, callback.Type);
        return [.. callback.Data!.Value.GetProperty("choices").EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("value").GetString()!))];
    }
}
