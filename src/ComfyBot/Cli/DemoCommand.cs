using System.Globalization;
using System.Text.Json;
using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;
using ComfyBot.Hosting;
using ComfyBot.Simulator;
using Microsoft.Extensions.Configuration;

namespace ComfyBot.Cli;

/// <summary>
/// <c>demo</c>: the real bot with nothing installed. Starts FakeDiscord (a loopback Discord) and the ComfyUI
/// simulator in-process, composes the bot exactly as <c>run</c> does (<see cref="BotHost"/>), plays a member's
/// /imagine of a batch of four, prints each state of the reply FakeDiscord holds and the per-image buttons under the
/// result, then clicks V2 (Vary of image 2) and follows that reply too; the attached images are saved to disk.
/// </summary>
internal sealed class DemoCommand(TextWriter output, TextWriter errors, TimeProvider time)
{
    /// <summary>The prompt the demo draws when none is given.</summary>
    public const string DefaultPrompt = "a lighthouse at dusk, oil painting";

    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public async Task<ExitCode> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        if (line.Positionals.Count > 1)
        {
            throw new UsageException($"demo takes at most one prompt; quote it if it has spaces (got {line.Positionals.Count} words).");
        }

        var prompt = line.Positionals.Count == 1 ? line.Positionals[0] : DefaultPrompt;
        var seed = line.UnsignedOption("seed");
        if (seed > (ulong)SlashCommands.ComfyBotCommands.MaxSeed)
        {
            throw new UsageException($"--seed must be between 0 and {SlashCommands.ComfyBotCommands.MaxSeed} (Discord carries seeds as 53-bit numbers).");
        }

        var outDir = Path.GetFullPath(line.Option("out") ?? "comfybot-output");
        var work = Path.Combine(Path.GetTempPath(), "comfybot-demo-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = time }, cancellationToken);
            await using var simulator = await ComfySimulator.StartAsync(
                new SimulatorOptions { StepsPerSecond = 6, DataDirectory = Path.Combine(work, "comfy"), TimeProvider = time }, cancellationToken);
            output.WriteLine($"FakeDiscord on {fake.BaseAddress}, ComfyUI simulator on {simulator.BaseAddress} (no token, no GPU).");

            var host = BotHost.Build(await ConfigurationAsync(fake, simulator, work, cancellationToken), new BotHostSettings { Time = time, ConfigureLogging = _ => { } });
            await using var disposeHost = (IAsyncDisposable)host;
            await host.StartAsync(cancellationToken);
            try
            {
                await fake.Gateway.WaitForReadyAsync(cancellationToken).WaitAsync(HangGuard, cancellationToken);

                // Someone else's job is already on the GPU, as on any shared server: the reply counts it. It is held
                // after its first steps until ours is seen waiting, so the queued state shows however slow the machine.
                simulator.HoldSampling(afterSteps: 2);
                simulator.EnqueueForeignPrompt(steps: 6);
                output.WriteLine($"alice: /imagine prompt: {prompt}{(seed is { } s ? $" seed: {s}" : "")} steps: 12 batch: {Batch}");
                List<SlashCommandOption> options = [SlashCommandOption.Text("prompt", prompt), SlashCommandOption.WholeNumber("steps", 12), SlashCommandOption.WholeNumber("batch", Batch)];
                if (seed is { } chosen)
                {
                    options.Add(SlashCommandOption.WholeNumber("seed", (long)chosen));
                }

                var interaction = fake.CreateSlashCommand("imagine", options);
                var final = await FollowAsync(fake, interaction, simulator, cancellationToken);
                PrintButtons(final);
                if (!final.CustomIds.Any(id => id.StartsWith("vary:", StringComparison.Ordinal) && id.EndsWith(":2", StringComparison.Ordinal)))
                {
                    return await SaveAsync(final, outDir, cancellationToken);
                }

                // A member picks the second image of the batch to vary: the new reply says what it is and links back.
                output.WriteLine("alice clicks V2");
                var click = fake.CreateButtonClick(interaction.OriginalMessage!, final.CustomIds.First(id => id.StartsWith("vary:", StringComparison.Ordinal) && id.EndsWith(":2", StringComparison.Ordinal)));
                var varied = await FollowAsync(fake, click, simulator, cancellationToken);
                PrintButtons(varied);
                var saved = await SaveAsync(final, outDir, cancellationToken);
                return saved == ExitCode.Success ? await SaveAsync(varied, outDir, cancellationToken) : saved;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            TryDelete(work);
        }
    }

    /// <summary>How many images the demo asks for: enough to show the per-image buttons and the numbered grid.</summary>
    public const int Batch = 4;

    /// <summary>Prints the button rows under <paramref name="state"/>, as a member sees them.</summary>
    private void PrintButtons(MessageState state)
    {
        foreach (var row in state.Components)
        {
            var labels = row.TryGetProperty("components", out var buttons)
                ? buttons.EnumerateArray().Select(b => b.TryGetProperty("label", out var label) ? label.GetString() : "?")
                : [];
            output.WriteLine($"          [{string.Join("] [", labels)}]");
        }
    }

    /// <summary>
    /// The built-in text-to-image workflow turned into image-to-image (a LoadImage encoded as the latent instead of an
    /// empty one, denoise 0.6), for the Vary buttons.
    /// </summary>
    private static string Img2Img(string txt2img)
    {
        var workflow = System.Text.Json.Nodes.JsonNode.Parse(txt2img)!.AsObject();
        workflow["10"] = new System.Text.Json.Nodes.JsonObject
        {
            ["class_type"] = "LoadImage",
            ["inputs"] = new System.Text.Json.Nodes.JsonObject { ["image"] = "example.png" },
        };
        workflow["5"] = new System.Text.Json.Nodes.JsonObject
        {
            ["class_type"] = "VAEEncode",
            ["inputs"] = new System.Text.Json.Nodes.JsonObject { ["pixels"] = new System.Text.Json.Nodes.JsonArray("10", 0), ["vae"] = new System.Text.Json.Nodes.JsonArray("4", 2) },
        };
        workflow["3"]!["inputs"]!["denoise"] = 0.6;
        return workflow.ToJsonString();
    }

    private static async Task<IConfiguration> ConfigurationAsync(FakeDiscordServer fake, ComfySimulator simulator, string work, CancellationToken cancellationToken)
    {
        // The built-in workflow names a checkpoint the simulator does not have; use the one it has.
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        using var models = JsonDocument.Parse(await http.GetStringAsync(new Uri("models/checkpoints", UriKind.Relative), cancellationToken));
        var checkpoint = models.RootElement.EnumerateArray().Select(e => e.GetString()).First(n => n is not null)!;
        var template = Path.Combine(work, "txt2img.json");
        var text = DefaultWorkflow.LoadText().Replace("v1-5-pruned-emaonly.safetensors", checkpoint, StringComparison.Ordinal);
        await File.WriteAllTextAsync(template, text, cancellationToken);
        var varied = Path.Combine(work, "img2img.json");
        await File.WriteAllTextAsync(varied, Img2Img(text), cancellationToken);
        return new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ComfyBot:Instance"] = "demo",
            ["ComfyBot:Discord:Token"] = fake.BotToken,
            ["ComfyBot:Discord:ApiBaseUrl"] = fake.BaseAddress.ToString(),
            ["ComfyBot:Backends:0:Name"] = "sim",
            ["ComfyBot:Backends:0:Url"] = simulator.BaseAddress.ToString(),
            ["ComfyBot:Templates:0:Name"] = "txt2img",
            ["ComfyBot:Templates:0:File"] = template,
            ["ComfyBot:Templates:0:Description"] = "Stable Diffusion 1.5 text to image",
            ["ComfyBot:Templates:0:VaryWith"] = "img2img",
            ["ComfyBot:Templates:0:Grid"] = "true",
            ["ComfyBot:Templates:1:Name"] = "img2img",
            ["ComfyBot:Templates:1:File"] = varied,
            ["ComfyBot:Templates:1:Description"] = "a variation of an image",
            ["ComfyBot:Store:Path"] = Path.Combine(work, "jobs.db"),
            ["ComfyBot:Jobs:Reply:Interval"] = "00:00:00.5",
            ["ComfyBot:BackendMonitor:PollInterval"] = "00:00:01",
        }).Build();
    }

    /// <summary>Prints every state of the reply as FakeDiscord records it, until a final one.</summary>
    private async Task<MessageState> FollowAsync(FakeDiscordServer fake, FakeInteraction interaction, ComfySimulator simulator, CancellationToken cancellationToken)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(HangGuard);
        var printed = 0;
        while (true)
        {
            await fake.WaitForAsync(_ => interaction.OriginalMessage is { } m && m.History.Count > printed, guard.Token);
            var history = interaction.OriginalMessage!.History;
            for (; printed < history.Count; printed++)
            {
                var state = history[printed];
                if (state.IsLoading)
                {
                    output.WriteLine("  [reply] ComfyBot is thinking…");
                    continue;
                }

                var files = state.Attachments.Count == 0 ? string.Empty : $"  [{string.Join(", ", state.Attachments.Select(a => a.Filename))}]";
                output.WriteLine($"  [reply] {state.Content.Replace("\n", "\n          ", StringComparison.Ordinal)}{files}");
                if (state.Content.StartsWith('⏳') || state.Content.StartsWith("🎨", StringComparison.Ordinal))
                {
                    simulator.ReleaseSampling();
                }

                if (IsFinal(state.Content))
                {
                    return state;
                }
            }
        }
    }

    private async Task<ExitCode> SaveAsync(MessageState final, string outDir, CancellationToken cancellationToken)
    {
        if (!final.Content.StartsWith('✅'))
        {
            errors.WriteLine("The demo job did not finish with images.");
            return ExitCode.GenerationFailed;
        }

        Directory.CreateDirectory(outDir);
        foreach (var attachment in final.Attachments)
        {
            var path = Path.Combine(outDir, $"demo-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Path.GetFileName(attachment.Filename)}");
            await File.WriteAllBytesAsync(path, attachment.Bytes, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Saved {path} ({attachment.Size} bytes)"));
        }

        return ExitCode.Success;
    }

    private static bool IsFinal(string content) =>
        content.StartsWith('✅') || content.StartsWith('❌') || content.StartsWith("⏹️", StringComparison.Ordinal) || content.StartsWith("🚫", StringComparison.Ordinal);

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the images the user asked for were saved elsewhere.
        }
    }
}
