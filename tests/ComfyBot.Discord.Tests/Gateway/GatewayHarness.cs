using System.Text.Json;
using ComfyBot.Discord.Gateway;
using ComfyBot.Testing;
using Moq;

namespace ComfyBot.Discord.Tests.Gateway;

/// <summary>A started GatewayClient on scripted transports and a fake clock, with helpers for the usual handshakes.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const string Token = "MTE4NzAwMDAwMDAwMDAwMDAwMQ.FAKE.c2VjcmV0LXRva2VuLWZvci10ZXN0cw";
    public const string GatewayUrl = "wss://gateway.discord.gg";
    public const int Interval = 41250;

    private GatewayHarness(GatewayOptions options, GatewayBotInfo info, double random)
    {
        Info = info;
        BotSource.Setup(s => s.GetGatewayBotAsync(It.IsAny<CancellationToken>())).Returns(() => Task.FromResult<GatewayBotInfo>(Info!));
        Client = new GatewayClient(options, BotSource.Object, NextTransport, Time, random: new FixedRandom(random));
    }

    public TimerWatchingClock Time { get; } = new(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));

    public Mock<IGatewayBotSource> BotSource { get; } = new();

    public GatewayBotInfo Info { get; set; }

    public List<ScriptedGatewayTransport> Transports { get; } = [];

    public ScriptedGatewayTransport Transport => Transports[0];

    public GatewayClient Client { get; }

    /// <summary>How many connects each new transport fails before succeeding; set it in beforeStart.</summary>
    public int FailConnects { get; set; }

    public GatewaySession Session => Client.Sessions[0];

    public static TimeSpan FirstBeat(double random) => TimeSpan.FromMilliseconds(Interval) * random;

    public static async Task<GatewayHarness> StartAsync(
        int? shardCount = 1,
        int recommendedShards = 1,
        int maxConcurrency = 1,
        int remaining = 1000,
        double random = 0.5,
        Action<GatewayHarness>? beforeStart = null)
    {
        var options = new GatewayOptions { Token = Token, ShardCount = shardCount };
        var info = new GatewayBotInfo(GatewayUrl, recommendedShards, new SessionStartLimit(1000, remaining, 3_600_000, maxConcurrency));
        var harness = new GatewayHarness(options, info, random);
        beforeStart?.Invoke(harness);
        await harness.Client.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Connect, HELLO, IDENTIFY, READY: returns the IDENTIFY payload.</summary>
    public async Task<JsonElement> IdentifyAsync(ScriptedGatewayTransport? transport = null, int readySequence = 1)
    {
        transport ??= Transport;
        await transport.NextConnectAsync();
        transport.Push(GatewayFrames.Hello(Interval));
        var identify = await transport.NextSentExceptHeartbeatAsync();
        await transport.PushAndWaitHandledAsync(GatewayFrames.Ready(readySequence));
        return identify;
    }

    public async ValueTask DisposeAsync() => await Client.DisposeAsync();

    private ScriptedGatewayTransport NextTransport()
    {
        var transport = new ScriptedGatewayTransport { FailConnects = FailConnects };
        Transports.Add(transport);
        return transport;
    }
}
