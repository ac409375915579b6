using System.Globalization;
using ComfyBot.Core.Hosting;
using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;
using ComfyBot.Hosting;
using ComfyBot.Simulator;
using ComfyBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>
/// The whole bot over loopback: FakeDiscord (gateway + REST), one or more ComfyUI simulators, and the real host
/// from <see cref="BotHost.Build"/> on a SQLite file in a temp folder. The bot runs on the system clock unless
/// <see cref="BotBedOptions.Time"/> gives it another (the simulators keep real time); FakeDiscord may share it.
/// </summary>
internal sealed class BotBed : IAsyncDisposable
{
    public static readonly TimeSpan HangGuard = TestGuards.HangGuard;

    private readonly List<IHost> _hosts = [];
    private readonly string _folder;
    private readonly Dictionary<string, string?> _configuration;
    private readonly BotHostSettings _settings;
    private readonly bool _waitForFirstCheck;

    private BotBed(FakeDiscordServer fake, IReadOnlyList<ComfySimulator> simulators, string folder, Dictionary<string, string?> configuration, BotHostSettings settings, bool waitForFirstCheck)
    {
        _waitForFirstCheck = waitForFirstCheck;
        Fake = fake;
        Simulators = simulators;
        _folder = folder;
        _configuration = configuration;
        _settings = settings;
    }

    public FakeDiscordServer Fake { get; }

    public IReadOnlyList<ComfySimulator> Simulators { get; }

    public ComfySimulator Simulator => Simulators[0];

    public IHost Host => _hosts[^1];

    public BotCore Runtime => Host.Services.GetRequiredService<BotStartup>().Core ?? throw new InvalidOperationException("The bot has not started.");

    public string StorePath => Path.Combine(_folder, "jobs.db");

    /// <summary>The key FakeDiscord's interactions are signed with in HTTP mode.</summary>
    public static InteractionSigner Signer { get; } = new();

    /// <summary>The host's interactions endpoint in HTTP mode.</summary>
    public Uri? InteractionsEndpoint { get; private set; }

    /// <summary>The host's HTTP base (health, metrics, interactions) when it has one: Http mode, or ComfyBot:Http:ListenUrls set.</summary>
    public Uri? HttpBase { get; private set; }

    /// <summary>Delivers <paramref name="interaction"/> to the host's HTTP endpoint, signed, as Discord would.</summary>
    public async Task<HttpResponseMessage> PostAsync(FakeInteraction interaction)
    {
        using var http = new HttpClient();
        return await Signer.PostAsync(http, InteractionsEndpoint!, interaction.Payload.GetRawText());
    }

    public static async Task<BotBed> StartAsync(BotBedOptions? options = null)
    {
        options ??= new BotBedOptions();
        var fakeOptions = new FakeDiscordOptions { TimeProvider = options.DiscordTime ?? TimeProvider.System };
        options.ConfigureDiscord?.Invoke(fakeOptions);
        var fake = await FakeDiscordServer.StartAsync(fakeOptions);
        options.PrepareDiscord?.Invoke(fake);
        var simulators = new List<ComfySimulator>();
        for (var i = 0; i < options.Backends; i++)
        {
            var simulatorOptions = new SimulatorOptions { StepsPerSecond = options.StepsPerSecond };
            options.ConfigureSimulator?.Invoke(i, simulatorOptions);
            simulators.Add(await ComfySimulator.StartAsync(simulatorOptions));
        }

        options.PrepareSimulators?.Invoke(simulators);

        var folder = Path.Combine(Path.GetTempPath(), "comfybot-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var configuration = new Dictionary<string, string?>
        {
            ["ComfyBot:Instance"] = "e2e",
            ["ComfyBot:Discord:Token"] = fake.BotToken,
            ["ComfyBot:Discord:ApiBaseUrl"] = fake.BaseAddress.ToString(),
            ["ComfyBot:Discord:ApplicationId"] = fake.ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["ComfyBot:Store:Path"] = Path.Combine(folder, "jobs.db"),
            ["ComfyBot:Jobs:ConnectTimeout"] = "00:00:05",
            ["ComfyBot:Jobs:OfflineRetryDelay"] = "00:00:01",
            ["ComfyBot:Jobs:Reply:Interval"] = "00:00:00.1",
            ["ComfyBot:Jobs:Reply:FirstEditDelay"] = "00:00:00",
            ["ComfyBot:Jobs:Reply:FinalRetryDelay"] = "00:00:00.1",
            ["ComfyBot:BackendMonitor:PollInterval"] = "00:00:00.5",
            ["ComfyBot:BackendMonitor:CatalogueRefreshInterval"] = "00:01:00",
        };
        // The recorded workflows use the simulator's checkpoint; txt2img is the default (first) template.
        string[] templates = ["txt2img", "img2img", "fail"];
        for (var i = 0; i < templates.Length; i++)
        {
            configuration[$"ComfyBot:Templates:{i}:Name"] = templates[i];
            configuration[$"ComfyBot:Templates:{i}:File"] = RepositoryFixtures.FixturePath("comfy", "workflows", templates[i] + ".json");
        }

        configuration["ComfyBot:Templates:0:Description"] = "text to image";
        configuration["ComfyBot:Templates:0:VaryWith"] = "img2img";
        configuration["ComfyBot:Templates:0:Bounds:steps:Min"] = "1";
        configuration["ComfyBot:Templates:0:Bounds:steps:Max"] = "30";
        configuration["ComfyBot:Templates:1:Description"] = "redraws an attached image";
        configuration["ComfyBot:Templates:2:Description"] = "always fails (test)";
        var index = templates.Length;
        foreach (var (name, json) in options.ExtraTemplates)
        {
            var file = Path.Combine(folder, name + ".json");
            await File.WriteAllTextAsync(file, json);
            configuration[$"ComfyBot:Templates:{index}:Name"] = name;
            configuration[$"ComfyBot:Templates:{index}:File"] = file;
            index++;
        }

        for (var i = 0; i < simulators.Count; i++)
        {
            var key = $"ComfyBot:Backends:{i}";
            configuration[$"{key}:Name"] = $"gpu-{i + 1}";
            configuration[$"{key}:Url"] = simulators[i].BaseAddress.ToString();
            configuration[$"{key}:MaxInFlight"] = options.MaxInFlight.ToString(CultureInfo.InvariantCulture);
            configuration[$"{key}:Events:ReconnectInitialDelay"] = "00:00:00.05";
            configuration[$"{key}:Events:ReconnectMaxDelay"] = "00:00:00.2";
            configuration[$"{key}:Http:MaxRetries"] = "1";
        }

        if (options.HttpMode)
        {
            configuration["ComfyBot:Discord:Mode"] = "Http";
            configuration["ComfyBot:Discord:PublicKey"] = Signer.PublicKeyHex;
            configuration["ComfyBot:Http:ListenUrls"] = "http://127.0.0.1:0";
        }

        foreach (var (key, value) in options.Configuration)
        {
            configuration[key] = value;
        }

        var settings = new BotHostSettings
        {
            Urls = "http://127.0.0.1:0",
            Time = options.Time,
            ConfigureServices = options.ConfigureServices,
            // COMFYBOT_E2E_LOG=1 shows the host's own log on the console when a test needs explaining.
            ConfigureLogging = options.ConfigureLogging ?? Environment.GetEnvironmentVariable("COMFYBOT_E2E_LOG") switch
            {
                "1" => null,
                "debug" => logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Debug).AddFilter("Microsoft", LogLevel.Warning),
                _ => _ => { },
            },
        };
        var bed = new BotBed(fake, simulators, folder, configuration, settings, options.WaitForFirstCheck);
        try
        {
            await bed.StartHostAsync();
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }

        return bed;
    }

    /// <summary>Starts a (further) host on the same configuration and SQLite file, as a restarted bot.</summary>
    public async Task StartHostAsync()
    {
        var host = BotHost.Build(new ConfigurationBuilder().AddInMemoryCollection(_configuration).Build(), _settings);
        var ready = Fake.Gateway.IdentifyCount;
        try
        {
            await host.StartAsync().WaitAsync(HangGuard);
        }
        catch
        {
            await ((IAsyncDisposable)host).DisposeAsync();
            throw;
        }

        _hosts.Add(host);
        if (_waitForFirstCheck)
        {
            // READY does not wait for the servers' first check; most tests want their first /imagine to meet them known.
            await Runtime.Monitor.FirstCheck.WaitAsync(HangGuard);
        }

        if (host is WebApplication web)
        {
            // The public URL: a management URL (ComfyBot:Http:ManagementUrls) serves health and metrics only.
            var management = _configuration.GetValueOrDefault("ComfyBot:Http:ManagementUrls") is { } urls ? new Uri(urls.Split(';')[0]).Port : -1;
            HttpBase = new Uri(web.Urls.First(u => new Uri(u).Port != management));
            InteractionsEndpoint = new Uri(HttpBase, "/interactions");
            if (_configuration.GetValueOrDefault("ComfyBot:Discord:Mode") == "Http")
            {
                return;
            }
        }

        await Fake.Gateway.WaitForAsync(g => g.IdentifyCount > ready && g.ReadyConnectionCount > 0).WaitAsync(HangGuard);
    }

    /// <summary>Stops the current host (the bot going down); jobs stay in the store.</summary>
    public async Task StopHostAsync()
    {
        var host = Host;
        await host.StopAsync().WaitAsync(HangGuard);
        await ((IAsyncDisposable)host).DisposeAsync();
        _hosts.Remove(host);
    }

    /// <summary>The channel messages the bot posted with its own token (moved replies), not interaction responses.</summary>
    public IReadOnlyList<FakeMessage> ChannelMessages(ulong channelId) => [.. Fake.MessagesIn(channelId).Where(m => m.InteractionId is null)];

    /// <summary>Clicks <paramref name="customId"/> on <paramref name="message"/> as <paramref name="origin"/> (default: the guild's first member).</summary>
    public FakeInteraction Click(FakeMessage message, string customId, InteractionOrigin? origin = null) =>
        Fake.CreateButtonClick(message, customId, origin);

    /// <summary>The custom id on <paramref name="message"/>'s current state that starts with <paramref name="prefix"/>.</summary>
    public static string Button(FakeMessage message, string prefix) =>
        message.Current.CustomIds.FirstOrDefault(id => id.StartsWith(prefix + ":", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No {prefix} button on {message}: {string.Join(", ", message.Current.CustomIds)}");

    /// <summary>Waits for the interaction's response message (e.g. an ephemeral answer to a click) to have content.</summary>
    public async Task<MessageState> WaitForAnswerAsync(FakeInteraction interaction)
    {
        await Fake.WaitForAsync(_ => interaction.OriginalMessage is { Current.Content.Length: > 0 } || interaction.Followups.Count > 0).WaitAsync(HangGuard);
        return interaction.Followups.Count > 0 ? interaction.Followups[^1].Current : interaction.OriginalMessage!.Current;
    }

    /// <summary>A member's /imagine with <paramref name="options"/> besides the prompt.</summary>
    public FakeInteraction Imagine(string prompt, InteractionOrigin? origin = null, params SlashCommandOption[] options) =>
        Fake.CreateSlashCommand("imagine", [SlashCommandOption.Text("prompt", prompt), .. options], origin);

    /// <summary>A member of the default guild (created on the fly) with optional roles.</summary>
    public static InteractionOrigin Member(ulong id, string name, params ulong[] roles) =>
        new() { User = new FakeUser(id, name, name), RoleIds = roles };

    /// <summary>Waits until the interaction's original message satisfies <paramref name="condition"/>.</summary>
    public async Task<FakeMessage> WaitForOriginalAsync(FakeInteraction interaction, Func<MessageState, bool> condition)
    {
        try
        {
            await Fake.WaitForAsync(_ => interaction.OriginalMessage is { } m && condition(m.Current)).WaitAsync(HangGuard);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The reply never reached the expected state. {Describe(interaction)}", e);
        }

        return interaction.OriginalMessage!;
    }

    /// <summary>What FakeDiscord holds, for failure messages: the reply's states and the last requests.</summary>
    public string Describe(FakeInteraction interaction)
    {
        var states = interaction.OriginalMessage?.History.Select(s => $"  [{s.Version}] {s.Content} ({s.Attachments.Count} files; {string.Join(",", s.CustomIds)})") ?? [];
        var requests = Fake.Requests.TakeLast(15).Select(r => $"  {r.Operation} -> {r.Status} {r.Outcome}");
        var violations = Fake.ContractViolations.Select(v => "  " + v);
        return $"States:\n{string.Join('\n', states)}\nLast requests:\n{string.Join('\n', requests)}\nViolations:\n{string.Join('\n', violations)}";
    }

    /// <summary>Waits for the final state: the reply carries images or a final word (Failed, Cancelled, ...).</summary>
    public Task<FakeMessage> WaitForDoneAsync(FakeInteraction interaction) =>
        WaitForOriginalAsync(interaction, s => IsFinal(s.Content));

    /// <summary>Whether a reply's text is a final state (done, failed, interrupted, cancelled).</summary>
    public static bool IsFinal(string content) =>
        content.StartsWith('✅') || content.StartsWith('❌')
        || content.StartsWith("⏹️", StringComparison.Ordinal) || content.StartsWith("🚫", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync().WaitAsync(HangGuard);
            await ((IAsyncDisposable)host).DisposeAsync();
        }

        foreach (var simulator in Simulators)
        {
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
}
