using ComfyBot.FakeDiscord.Contracts;
using ComfyBot.FakeDiscord.Control;
using ComfyBot.FakeDiscord.Gateway;
using ComfyBot.FakeDiscord.Guilds;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.RateLimits;
using ComfyBot.FakeDiscord.Rest;

namespace ComfyBot.FakeDiscord;

/// <summary>
/// A loopback Discord: gateway v10 (JSON) and the REST routes a bot uses, with state, limits, rate limits and
/// a contract check of every body against Discord's OpenAPI. Start one per test; instances share nothing.
/// </summary>
public sealed partial class FakeDiscordServer : IAsyncDisposable
{
    private readonly FakeDiscordHost host;
    private readonly FakeDiscordState state;
    private readonly GatewayHub hub;
    private readonly InteractionFactory interactions;
    private readonly GuildRoster roster;
    private readonly FaultScript faults;
    private int disposed;

    private FakeDiscordServer(FakeDiscordHost host, FakeDiscordState state, GatewayHub hub)
    {
        this.host = host;
        this.state = state;
        this.hub = hub;
        Gateway = new FakeGateway(hub);
        interactions = new InteractionFactory(state.Options, () => state.Guilds, state.Snowflakes, state.Messages, state.Commands.FindId);
        roster = new GuildRoster(state, hub);
        faults = new FaultScript(state.Contract, state.Limiter);
    }

    /// <summary>The port Kestrel listens on (127.0.0.1).</summary>
    public int Port => host.Port;

    /// <summary>REST base with a trailing slash, e.g. <c>http://127.0.0.1:5005/api/v10/</c>; fit for <c>HttpClient.BaseAddress</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}{RestPipeline.ApiPrefix}/");

    /// <summary>The gateway URL that GET /gateway/bot returns (append <c>?v=10&amp;encoding=json</c>).</summary>
    public Uri GatewayUrl => state.GatewayUrl;

    /// <summary>The <c>resume_gateway_url</c> READY carries; a different path so tests see where a client resumed.</summary>
    public Uri ResumeGatewayUrl => state.ResumeGatewayUrl;

    /// <summary>The bot token the fake accepts (without "Bot "). Treat it like a secret in logs.</summary>
    public string BotToken => state.BotToken;

    /// <summary>Application id (and bot user id).</summary>
    public ulong ApplicationId => state.Options.ApplicationId;

    /// <summary>The bot user returned by GET /users/@me and in READY.</summary>
    public FakeUser BotUser => state.BotUser;

    /// <summary>The guilds the bot is in (the configured ones, or the default one).</summary>
    public IReadOnlyList<FakeGuild> Guilds => state.Guilds;

    /// <summary>The gateway: counters, waits and scripted faults.</summary>
    public FakeGateway Gateway { get; }

    /// <summary>Starts a server on 127.0.0.1 (port from the options, 0 = any free port).</summary>
    public static async Task<FakeDiscordServer> StartAsync(FakeDiscordOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeDiscordOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("Invalid FakeDiscordOptions: " + string.Join(" ", problems), nameof(options));
        }

        var state = new FakeDiscordState(options, OpenApiContract.Embedded);
        var hub = new GatewayHub(state);
        var control = new ControlApi(state);
        var host = await FakeDiscordHost.StartAsync(state, hub, control, cancellationToken);
        var server = new FakeDiscordServer(host, state, hub);
        control.Server = server;
        return server;
    }

    /// <summary>Closes every gateway connection and stops Kestrel.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await host.DisposeAsync();
    }
}
