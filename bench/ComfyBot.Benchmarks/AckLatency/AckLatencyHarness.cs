using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Interactions;
using Callback = ComfyBot.Discord.Responses.InteractionCallback;
using ComfyBot.Discord.Rest;
using ComfyBot.FakeDiscord;
using ComfyBot.FakeDiscord.Interactions;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Benchmarks.AckLatency;

/// <summary>
/// Load harness (not BenchmarkDotNet): FakeDiscord in-process on real time dispatches slash commands at a fixed
/// rate to our gateway client; a handler defers each one through our REST client. Measures frame read by our
/// gateway → callback received by FakeDiscord, and → our REST call completed. Target: p99 under 3 ms.
/// Usage: <c>ack-latency [--rate 200] [--seconds 10]</c>.
/// </summary>
internal sealed class AckLatencyHarness : IInteractionHandler
{
    private readonly ConcurrentDictionary<ulong, long> _answered = new();
    private readonly ConcurrentQueue<Exception> _errors = new();
    private DiscordRestClient _rest = null!;

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Option(args, "--rate", 200);
        var seconds = Option(args, "--seconds", 10);
        return await new AckLatencyHarness().RunAsync(rate, seconds);
    }

    public async Task HandleAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var interaction = context.Interaction;
            await _rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, Callback.Defer(), withResponse: false, cancellationToken);
            _answered[interaction.Id.Value] = Stopwatch.GetTimestamp();
            context.Acknowledge();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _errors.Enqueue(e);
        }
    }

    private async Task<int> RunAsync(int rate, int seconds)
    {
        // Real time throughout; FakeDiscord's limits stay on (callbacks are per-interaction buckets, exempt from global).
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions());
        using var http = new HttpClient();
        _rest = new DiscordRestClient(http, new DiscordRestOptions { BaseAddress = fake.BaseAddress, Token = fake.BotToken }, TimeProvider.System, NullLogger<DiscordRestClient>.Instance);
        var transport = new TimestampingTransport(new WebSocketGatewayTransport(TimeProvider.System));
        // FakeDiscord recommends one shard, so the factory is asked once.
        await using var gateway = new GatewayClient(new GatewayOptions { Token = fake.BotToken }, _rest, () => transport, TimeProvider.System, NullLogger<GatewayClient>.Instance);
        await using var source = new GatewayInteractionSource(this);
        using var subscription = gateway.Subscribe(source);
        await gateway.StartAsync(default);
        try
        {
            await fake.Gateway.WaitForReadyAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"The gateway client did not become ready within 10 s: {fake.Gateway.ConnectionCount} connection(s), {fake.Gateway.IdentifyCount} IDENTIFY, session state {gateway.Sessions[0].State}.", e);
        }

        // Warm-up: JIT, connection pool, first buckets; not measured.
        var warmUp = await DispatchAsync(fake, rate, TimeSpan.FromSeconds(1));
        await WaitForCallbacksAsync(warmUp);
        _answered.Clear();
        transport.Settle();
        transport.Received.Clear();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack-latency: {rate} interactions/s for {seconds} s over loopback (FakeDiscord in-process, real time)"));
        var sent = await DispatchAsync(fake, rate, TimeSpan.FromSeconds(seconds));
        await WaitForCallbacksAsync(sent);
        transport.Settle();

        var toFake = new List<double>(sent.Count);
        var toRest = new List<double>(sent.Count);
        foreach (var interaction in sent)
        {
            if (!transport.Received.TryGetValue(interaction.Id, out var received))
            {
                continue;
            }

            if (interaction.Callback is { } callback)
            {
                toFake.Add((callback.At - received.At).TotalMilliseconds);
            }

            if (_answered.TryGetValue(interaction.Id, out var done))
            {
                toRest.Add(Stopwatch.GetElapsedTime(received.Stamp, done).TotalMilliseconds);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dispatched {sent.Count}, frames stamped {transport.Received.Count}, callbacks seen by FakeDiscord {toFake.Count}, REST calls completed {toRest.Count}, errors {_errors.Count}"));
        Print("frame read -> callback received by FakeDiscord", toFake);
        Print("frame read -> our REST callback completed     ", toRest);
        foreach (var error in _errors.Take(3))
        {
            Console.WriteLine("error: " + error.Message);
        }

        var p99 = Percentile(toFake, 0.99);
        Console.WriteLine(p99 < 3 ? "target p99 < 3 ms: met" : "target p99 < 3 ms: NOT met");
        await gateway.StopAsync(default);
        return toFake.Count == sent.Count && _errors.IsEmpty ? 0 : 1;
    }

    /// <summary>Creates interactions at <paramref name="rate"/> per second, catching up after a late tick rather than drifting.</summary>
    private static async Task<List<FakeInteraction>> DispatchAsync(FakeDiscordServer fake, int rate, TimeSpan duration)
    {
        var sent = new List<FakeInteraction>((int)(rate * duration.TotalSeconds));
        var clock = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        var due = (int)(rate * duration.TotalSeconds);
        while (sent.Count < due)
        {
            var target = Math.Min(due, (int)(clock.Elapsed.TotalSeconds * rate) + 1);
            while (sent.Count < target)
            {
                sent.Add(fake.CreateSlashCommand("imagine", [SlashCommandOption.Text("prompt", "a lighthouse at dusk, volumetric light, 35mm")]));
            }

            await tick.WaitForNextTickAsync();
        }

        return sent;
    }

    private static async Task WaitForCallbacksAsync(List<FakeInteraction> sent)
    {
        var last = sent[^1];
        await last.WaitForCallbackAsync().WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var interaction in sent)
        {
            await interaction.WaitForCallbackAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static void Print(string what, List<double> samples)
    {
        if (samples.Count == 0)
        {
            Console.WriteLine($"{what}: no samples");
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: p50 {Percentile(samples, 0.50):0.000} ms, p99 {Percentile(samples, 0.99):0.000} ms, max {samples.Max():0.000} ms (n={samples.Count})"));
    }

    internal static double Percentile(List<double> samples, double quantile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToList();
        var index = (int)Math.Ceiling(quantile * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    /// <summary>A positive whole-number switch such as <c>--rate 200</c>, or <paramref name="fallback"/>.</summary>
    internal static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}
