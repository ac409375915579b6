using System.Globalization;
using ComfyBot.Core.Hosting;
using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.RateLimits;
using ComfyBot.Hosting;
using ComfyBot.Simulator;
using ComfyBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ComfyBot.Benchmarks.Load;

/// <summary>
/// The real bot (<see cref="BotHost.Build"/>) on real time against FakeDiscord (its real rate limits and contract
/// check on) and <see cref="LoadSettings.Backends"/> simulators, on a SQLite file in a temp folder. Like the
/// end-to-end test bed, but with the reply pacing a deployment uses unless the harness says otherwise.
/// </summary>
internal sealed class LoadBed : IAsyncDisposable
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly string _folder;
    private readonly IConfiguration _configuration;
    private IHost? _host;

    private LoadBed(FakeDiscordServer fake, IReadOnlyList<ComfySimulator> simulators, string folder, IConfiguration configuration)
    {
        Fake = fake;
        Simulators = simulators;
        _folder = folder;
        _configuration = configuration;
    }

    public FakeDiscordServer Fake { get; }

    public IReadOnlyList<ComfySimulator> Simulators { get; }

    /// <summary>The bot's configuration as keys and values, for a bot started as a process of its own (<c>queue-memory --bot</c>).</summary>
    public IEnumerable<KeyValuePair<string, string?>> BotSettings => _configuration.AsEnumerable();

    public BotCore Runtime => (_host ?? throw new InvalidOperationException("The bot is stopped.")).Services.GetRequiredService<BotStartup>().Core ?? throw new InvalidOperationException("The bot has not started.");

    /// <summary>Starts FakeDiscord, the simulators and (unless <paramref name="startHost"/> is false) the bot.</summary>
    public static async Task<LoadBed> StartAsync(LoadSettings settings, bool startHost = true)
    {
        var fakeOptions = new FakeDiscordOptions();
        if (settings.LiftDiscordLimits)
        {
            fakeOptions.RateLimits = new RateLimitOptions { MessagesPerWindow = 1_000, GlobalPerSecond = 10_000, OtherPerWindow = 1_000 };
        }

        var fake = await FakeDiscordServer.StartAsync(fakeOptions);
        var simulators = new List<ComfySimulator>();
        for (var i = 0; i < settings.Backends; i++)
        {
            simulators.Add(await ComfySimulator.StartAsync(new SimulatorOptions { StepsPerSecond = settings.StepsPerSecond, Previews = settings.Previews }));
        }

        var folder = Path.Combine(Path.GetTempPath(), "comfybot-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var values = new Dictionary<string, string?>
        {
            ["ComfyBot:Instance"] = "load",
            ["ComfyBot:Discord:Token"] = fake.BotToken,
            ["ComfyBot:Discord:ApiBaseUrl"] = fake.BaseAddress.ToString(),
            ["ComfyBot:Discord:ApplicationId"] = fake.ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["ComfyBot:Store:Path"] = Path.Combine(folder, "jobs.db"),
            ["ComfyBot:Jobs:Reply:Interval"] = settings.ReplyInterval.ToString("c", CultureInfo.InvariantCulture),
            ["ComfyBot:Policy:MaxQueuedPerMember"] = settings.MaxQueuedPerMember.ToString(CultureInfo.InvariantCulture),
            ["ComfyBot:Templates:0:Name"] = "txt2img",
            ["ComfyBot:Templates:0:File"] = RepositoryFixtures.FixturePath("comfy", "workflows", "txt2img.json"),
            ["ComfyBot:Templates:0:Description"] = "text to image",
        };
        for (var i = 0; i < settings.RoleWeights.Count; i++)
        {
            values[$"ComfyBot:Policy:Roles:{i}:RoleId"] = LoadSettings.RoleId(i).ToString(CultureInfo.InvariantCulture);
            values[$"ComfyBot:Policy:Roles:{i}:Weight"] = settings.RoleWeights[i].ToString(CultureInfo.InvariantCulture);
        }

        for (var i = 0; i < simulators.Count; i++)
        {
            values[$"ComfyBot:Backends:{i}:Name"] = $"gpu-{i + 1}";
            values[$"ComfyBot:Backends:{i}:Url"] = simulators[i].BaseAddress.ToString();
            values[$"ComfyBot:Backends:{i}:MaxInFlight"] = settings.MaxInFlight.ToString(CultureInfo.InvariantCulture);
        }

        var bed = new LoadBed(fake, simulators, folder, new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        try
        {
            if (startHost)
            {
                await bed.StartHostAsync();
            }
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }

        return bed;
    }

    /// <summary>A /imagine from <paramref name="member"/> with the small, fast options every load job uses.</summary>
    public FakeInteraction Imagine(InteractionOrigin? member, int steps, long seed) =>
        Fake.CreateSlashCommand(
            "imagine",
            [
                SlashCommandOption.Text("prompt", "a lighthouse at dusk, volumetric light, 35mm"),
                SlashCommandOption.WholeNumber("seed", seed),
                SlashCommandOption.WholeNumber("steps", steps),
                SlashCommandOption.WholeNumber("width", 64),
                SlashCommandOption.WholeNumber("height", 64),
                SlashCommandOption.WholeNumber("batch", 1),
            ],
            member);

    /// <summary>Waits until the interaction's reply shows a final state.</summary>
    public Task WaitForFinalAsync(FakeInteraction interaction, TimeSpan guard) =>
        Fake.WaitForAsync(_ => interaction.OriginalMessage is { } m && ReplyAudit.IsFinal(m.Current.Content)).WaitAsync(guard);

    /// <summary>Stops and disposes the bot (jobs stay in the store); FakeDiscord and the simulators keep running.</summary>
    public async Task StopHostAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.StopAsync().WaitAsync(HangGuard);
            // The host owns async-only services (job service, backends): a sync Dispose would throw or leak them.
            await ((IAsyncDisposable)host).DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        foreach (var simulator in Simulators)
        {
            simulator.ReleaseSampling();
            await simulator.DisposeAsync();
        }

        await Fake.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>Starts a bot on the configuration and SQLite file (again, after <see cref="StopHostAsync"/>: a restarted bot).</summary>
    public async Task StartHostAsync()
    {
        var identified = Fake.Gateway.IdentifyCount;
        // The host's own log stays off: at load it would measure the console, not the bot.
        var host = BotHost.Build(_configuration, new BotHostSettings { ConfigureLogging = _ => { } });
        _host = host;
        await host.StartAsync().WaitAsync(HangGuard);
        await Fake.Gateway.WaitForAsync(g => g.IdentifyCount > identified && g.ReadyConnectionCount > 0).WaitAsync(HangGuard);

        // READY no longer waits for the servers' first check (issue 15); the load measures jobs on known servers.
        await Runtime.Monitor.FirstCheck.WaitAsync(HangGuard);
    }
}
