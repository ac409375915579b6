using System.Security.Cryptography;
using ComfyBot.FakeDiscord.Commands;
using ComfyBot.FakeDiscord.Contracts;
using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;
using ComfyBot.FakeDiscord.RateLimits;
using ComfyBot.FakeDiscord.Rest;
using ComfyBot.FakeDiscord.Snowflakes;

namespace ComfyBot.FakeDiscord;

/// <summary>Everything one fake server knows; shared by its REST routes and its gateway.</summary>
internal sealed class FakeDiscordState
{
    private readonly Lock gate = new();
    private readonly List<ContractViolation> violations = [];
    private readonly List<ContractViolation> undocumented = [];
    private readonly List<RecordedRequest> requests = [];
    private readonly List<ulong> typing = [];
    private int violatingRequests;
    private IReadOnlyList<FakeGuild> guilds;

    public FakeDiscordState(FakeDiscordOptions options, OpenApiContract contract)
    {
        Options = options;
        Contract = contract;
        Time = options.TimeProvider;
        BotToken = options.BotToken ?? NewBotToken(options.ApplicationId);
        BotUser = new FakeUser(options.ApplicationId, options.BotUsername, options.BotUsername, IsBot: true);
        guilds = options.Guilds is { Count: > 0 } configured ? configured : [DefaultGuild()];
        Snowflakes = new SnowflakeGenerator(Time);
        Messages = new MessageStore(Time, Snowflakes, Signal);
        Composer = new MessageComposer(Messages);
        Commands = new CommandStore(Snowflakes, options.ApplicationId);
        Limiter = new RateLimiter(options.RateLimits, Time);
    }

    public FakeDiscordOptions Options { get; }

    public OpenApiContract Contract { get; }

    public TimeProvider Time { get; }

    public string BotToken { get; }

    public FakeUser BotUser { get; }

    /// <summary>A snapshot: guilds added or changed at run time replace the list, never edit it.</summary>
    public IReadOnlyList<FakeGuild> Guilds => Volatile.Read(ref guilds);

    public SnowflakeGenerator Snowflakes { get; }

    public StateSignal Signal { get; } = new();

    public MessageStore Messages { get; }

    public MessageComposer Composer { get; }

    public InteractionRegistry Interactions { get; } = new();

    public CommandStore Commands { get; }

    public RateLimiter Limiter { get; }

    /// <summary>ws://127.0.0.1:port/gateway, set when Kestrel is listening.</summary>
    public Uri GatewayUrl { get; set; } = new("ws://127.0.0.1/gateway");

    /// <summary>A different path than <see cref="GatewayUrl"/>, so tests can see the client resumes where READY said.</summary>
    public Uri ResumeGatewayUrl { get; set; } = new("ws://127.0.0.1/gateway-resume");

    public IReadOnlyList<ContractViolation> Violations { get { lock (gate) { return [.. violations]; } } }

    public IReadOnlyList<ContractViolation> Undocumented { get { lock (gate) { return [.. undocumented]; } } }

    public IReadOnlyList<RecordedRequest> Requests { get { lock (gate) { return [.. requests]; } } }

    /// <summary>Channels the bot started typing in, in order.</summary>
    public IReadOnlyList<ulong> Typing { get { lock (gate) { return [.. typing]; } } }

    public int ViolatingRequests { get { lock (gate) { return violatingRequests; } } }

    /// <summary>Adds a guild, or replaces the one with the same id (keeping its place).</summary>
    public void PutGuild(FakeGuild guild)
    {
        lock (gate)
        {
            var list = guilds.ToList();
            var index = list.FindIndex(g => g.Id == guild.Id);
            if (index >= 0)
            {
                list[index] = guild;
            }
            else
            {
                list.Add(guild);
            }

            Volatile.Write(ref guilds, list);
        }

        Signal.Notify();
    }

    public FakeChannel? FindChannel(ulong id, out FakeGuild? guild)
    {
        foreach (var g in Guilds)
        {
            foreach (var channel in g.Channels)
            {
                if (channel.Id == id)
                {
                    guild = g;
                    return channel;
                }
            }
        }

        guild = null;
        return null;
    }

    public void RecordViolations(IReadOnlyList<ContractViolation> found)
    {
        lock (gate)
        {
            violations.AddRange(found);
            violatingRequests++;
        }

        Signal.Notify();
    }

    public void RecordTyping(ulong channelId)
    {
        lock (gate)
        {
            typing.Add(channelId);
        }

        Signal.Notify();
    }

    public void RecordUndocumented(IReadOnlyList<ContractViolation> found)
    {
        lock (gate)
        {
            undocumented.AddRange(found);
        }
    }

    public void ClearViolations()
    {
        lock (gate)
        {
            violations.Clear();
            violatingRequests = 0;
        }
    }

    public void RecordRequest(RecordedRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
        }

        Signal.Notify();
    }

    private static FakeGuild DefaultGuild() => new()
    {
        Id = 1_300_000_000_000_000_010,
        Name = "ComfyBot Test Guild",
        Channels = [new FakeChannel(1_300_000_000_000_000_020, "general")],
        Members = [new FakeUser(1_300_000_000_000_000_030, "alice", "Alice")],
    };

    /// <summary>Shaped like a real token (id.timestamp.hmac) so clients that split it are not surprised.</summary>
    private static string NewBotToken(ulong applicationId)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var id = B64(System.Text.Encoding.ASCII.GetBytes(applicationId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return $"{id}.{B64(RandomNumberGenerator.GetBytes(4))}.{B64(RandomNumberGenerator.GetBytes(27))}";
    }
}
