using ComfyBot.FakeDiscord;

namespace ComfyBot.Tests.EndToEnd;

/// <summary>How a <see cref="BotBed"/> is set up.</summary>
internal sealed class BotBedOptions
{
    public int Backends { get; set; } = 1;

    public int MaxInFlight { get; set; } = 2;

    /// <summary>0 runs the simulator as fast as it can.</summary>
    public double StepsPerSecond { get; set; }

    /// <summary>Adjusts the options of simulator i (0-based) before it starts, e.g. a server without some nodes.</summary>
    public Action<int, ComfyBot.Simulator.SimulatorOptions>? ConfigureSimulator { get; set; }

    /// <summary>Runs on the started simulators before the bot starts (e.g. one cut off, so the bot never reads its lists).</summary>
    public Action<IReadOnlyList<ComfyBot.Simulator.ComfySimulator>>? PrepareSimulators { get; set; }

    public TimeProvider? DiscordTime { get; set; }

    /// <summary>Interactions arrive as signed HTTP POSTs to the host's endpoint instead of over the gateway.</summary>
    public bool HttpMode { get; set; }

    /// <summary>The bot's one clock (jobs, backends, REST, store, replies); null for the system clock.</summary>
    public TimeProvider? Time { get; set; }

    public Action<FakeDiscordOptions>? ConfigureDiscord { get; set; }

    /// <summary>Runs on the started FakeDiscord before the bot starts (e.g. to script a fault for its start-up).</summary>
    public Action<FakeDiscordServer>? PrepareDiscord { get; set; }

    /// <summary>The host's logging (e.g. a capture); null follows COMFYBOT_E2E_LOG.</summary>
    public Action<Microsoft.Extensions.Logging.ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>Runs after the bot's services are registered (BotHostSettings.ConfigureServices).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>
    /// Whether start-up returns only once every server answered its first check (the bot's own READY does not wait for
    /// it). True by default, so a test's first /imagine meets known servers; false to test the first instants.
    /// </summary>
    public bool WaitForFirstCheck { get; set; } = true;

    public Dictionary<string, string?> Configuration { get; } = [];

    /// <summary>Further templates (name → API-format JSON), written to the bed's folder and configured after the default ones.</summary>
    public Dictionary<string, string> ExtraTemplates { get; } = [];
}
