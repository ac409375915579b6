using ComfyBot.FakeDiscord.RateLimits;

namespace ComfyBot.FakeDiscord;

/// <summary>How a <see cref="FakeDiscordServer"/> behaves. Every property has a working default.</summary>
public sealed class FakeDiscordOptions
{
    private TimeSpan? heartbeatTimeout;

    /// <summary>Default application (and bot user) id.</summary>
    public const ulong DefaultApplicationId = 1_300_000_000_000_000_001;

    /// <summary>Clock for snowflakes, the 3 s / 15 min interaction windows and rate limits. Tests pass a FakeTimeProvider.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Loopback port; 0 lets the OS pick one (read it back from <see cref="FakeDiscordServer.BaseAddress"/>).</summary>
    public int Port { get; set; }

    /// <summary>The bot token the fake accepts (without "Bot "). Null: a random one per server.</summary>
    public string? BotToken { get; set; }

    /// <summary>The application id; the bot user has the same id, as on Discord.</summary>
    public ulong ApplicationId { get; set; } = DefaultApplicationId;

    /// <summary>The bot user's name.</summary>
    public string BotUsername { get; set; } = "comfybot";

    /// <summary>Sent in HELLO. Discord's is about 41.25 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(41_250);

    /// <summary>
    /// How long a connection may go without a heartbeat (from HELLO, then from each one) before the fake closes it
    /// with 4009, as Discord closes a session that stopped heartbeating. Default: 1.5 × the interval; Discord does
    /// not publish its exact grace.
    /// </summary>
    public TimeSpan HeartbeatTimeout
    {
        get => heartbeatTimeout ?? HeartbeatInterval * 1.5;
        set => heartbeatTimeout = value;
    }

    /// <summary>
    /// The clock of <see cref="HeartbeatTimeout"/>: the wall clock by default, apart from <see cref="TimeProvider"/>,
    /// since a test that moves the fake's clock on to expire tokens has not left the socket silent.
    /// </summary>
    public TimeProvider HeartbeatTimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Privileged intents enabled "in the portal"; asking for others closes with 4014.</summary>
    public int EnabledPrivilegedIntents { get; set; }

    /// <summary>Recommended shard count in GET /gateway/bot.</summary>
    public int RecommendedShards { get; set; } = 1;

    /// <summary>Guilds the bot is in. Null: one guild with one channel and one member.</summary>
    public IReadOnlyList<FakeGuild>? Guilds { get; set; }

    /// <summary>Per-file upload limit for channel messages and the default <c>attachment_size_limit</c> of interactions.</summary>
    public long AttachmentSizeLimit { get; set; } = 10 * 1024 * 1024;

    /// <summary>How long after creation the first callback is accepted (Discord: 3 s).</summary>
    public TimeSpan InteractionCallbackWindow { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long an interaction token works on the webhook routes (Discord: 15 min).</summary>
    public TimeSpan InteractionTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether a body that breaks openapi.json is answered with 400 (it is recorded either way).</summary>
    public bool RejectContractViolations { get; set; } = true;

    /// <summary>REST rate limits.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Every value that cannot work, each naming the option and its fix; empty when all can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (TimeProvider is null)
        {
            problems.Add("FakeDiscordOptions.TimeProvider is null; leave it unset for the system clock or pass a FakeTimeProvider.");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add($"FakeDiscordOptions.Port is {Port}; use 0 (let the OS pick) or 1-65535.");
        }

        if (BotToken is not null && (BotToken.Length == 0 || BotToken.Any(char.IsWhiteSpace) || BotToken.StartsWith("Bot ", StringComparison.Ordinal)))
        {
            problems.Add("FakeDiscordOptions.BotToken must be a non-empty token without spaces or the \"Bot \" prefix; leave it null for a random one.");
        }

        if (ApplicationId == 0)
        {
            problems.Add("FakeDiscordOptions.ApplicationId must be a non-zero snowflake.");
        }

        if (string.IsNullOrWhiteSpace(BotUsername))
        {
            problems.Add("FakeDiscordOptions.BotUsername must not be empty.");
        }

        Positive(problems, HeartbeatInterval, nameof(HeartbeatInterval));
        Positive(problems, HeartbeatTimeout, nameof(HeartbeatTimeout));
        if (HeartbeatTimeProvider is null)
        {
            problems.Add("FakeDiscordOptions.HeartbeatTimeProvider is null; leave it unset for the wall clock.");
        }

        Positive(problems, InteractionCallbackWindow, nameof(InteractionCallbackWindow));
        Positive(problems, InteractionTokenLifetime, nameof(InteractionTokenLifetime));
        if (RateLimits is null)
        {
            problems.Add("FakeDiscordOptions.RateLimits is null; leave it unset for Discord-like limits, or set Enforce = false to turn 429s off.");
        }
        else
        {
            Positive(problems, RateLimits.MessageWindow, "RateLimits.MessageWindow");
            Positive(problems, RateLimits.OtherWindow, "RateLimits.OtherWindow");
            if (RateLimits.GlobalPerSecond < 1 || RateLimits.MessagesPerWindow < 1 || RateLimits.OtherPerWindow < 1)
            {
                problems.Add("FakeDiscordOptions.RateLimits: GlobalPerSecond, MessagesPerWindow and OtherPerWindow must be at least 1; set Enforce = false to turn 429s off.");
            }
        }

        if (AttachmentSizeLimit < 1)
        {
            problems.Add($"FakeDiscordOptions.AttachmentSizeLimit is {AttachmentSizeLimit}; use positive bytes (Discord's default is 10 MiB = 10485760).");
        }

        if (RecommendedShards < 1)
        {
            problems.Add($"FakeDiscordOptions.RecommendedShards is {RecommendedShards}; use 1 or more.");
        }

        foreach (var guild in Guilds ?? [])
        {
            if (guild.Channels.Count == 0)
            {
                problems.Add($"FakeDiscordOptions.Guilds: guild {guild.Id} has no channels; give it at least one FakeChannel.");
            }
        }

        return problems;
    }

    private static void Positive(List<string> problems, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"FakeDiscordOptions.{name} is {value}; use a positive duration.");
        }
    }
}
