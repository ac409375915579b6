using System.Collections.Concurrent;
using ComfyBot.Discord.Gateway;
using ComfyBot.Discord.Interactions;
using ComfyBot.Discord.Responses;
using ComfyBot.Discord.Rest;
using ComfyBot.Discord.Tests.Rest;
using ComfyBot.FakeDiscord;
using ComfyBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.Discord.Tests.EndToEnd;

/// <summary>
/// Our gateway client and REST client against an in-process FakeDiscord over real WebSockets, on one stepped fake
/// clock. Heartbeats are an hour apart so they only happen when a test moves the clock that far; short timers
/// (reconnect backoff, op 9's 1-5 s, the identify window) are run by <see cref="PumpUntilAsync"/>.
/// </summary>
internal sealed class GatewayBed : IAsyncDisposable, IInteractionHandler, IGatewayDispatchHandler
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromHours(1);

    private static readonly TimeSpan ShortTimerHorizon = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<(InteractionContext Context, Exception? Error)> _handled = new();
    private readonly ConcurrentQueue<string> _events = new();
    private readonly SemaphoreSlim _handledSignal = new(0);
    private readonly GatewayInteractionSource _source;
    private readonly IDisposable _subscription;
    private readonly IDisposable _dispatchWatch;
    private readonly Lock _gate = new();
    private TaskCompletionSource _dispatched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<DateTimeOffset>? _nextTimer;

    private GatewayBed(FakeDiscordServer fake, TimerWatchingClock time, GatewayCompression compression)
    {
        Fake = fake;
        Time = time;
        Rest = new DiscordRestClient(Http, new DiscordRestOptions { BaseAddress = fake.BaseAddress, Token = fake.BotToken }, time, NullLogger<DiscordRestClient>.Instance);
        Client = new GatewayClient(new GatewayOptions { Token = fake.BotToken, Compression = compression }, Rest, () => new WebSocketGatewayTransport(time), time, Logger, new Random(1234));
        _source = new GatewayInteractionSource(this);
        _subscription = Client.Subscribe(_source);
        _dispatchWatch = Client.Subscribe(this);
    }

    public FakeDiscordServer Fake { get; }

    public TimerWatchingClock Time { get; }

    public HttpClient Http { get; } = new();

    public DiscordRestClient Rest { get; }

    public GatewayClient Client { get; }

    public ListLogger<GatewayClient> Logger { get; } = new();

    public GatewaySession Session => Client.Sessions[0];

    /// <summary>Names of the dispatches subscribers received, in order.</summary>
    public IReadOnlyList<string> Events => [.. _events];

    public static async Task<GatewayBed> StartAsync(Action<FakeDiscordOptions>? configure = null, GatewayCompression compression = GatewayCompression.ZlibStream)
    {
        var time = new TimerWatchingClock(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var options = new FakeDiscordOptions { TimeProvider = time, HeartbeatInterval = HeartbeatInterval };
        configure?.Invoke(options);
        var fake = await FakeDiscordServer.StartAsync(options);
        return new GatewayBed(fake, time, compression);
    }

    /// <summary>Starts the client and waits for READY and GUILD_CREATE to have been handled by the session.</summary>
    public async Task ConnectAsync()
    {
        await Client.StartAsync(default);
        await PumpUntilAsync(() => Session.State == GatewaySessionState.Ready && Session.Sequence >= 2);
    }

    /// <summary>The next interaction our handler received (hang guard: 10 s).</summary>
    public async Task<InteractionContext> NextHandledAsync()
    {
        await PumpUntilAsync(_handledSignal.WaitAsync(RestBed.HangGuard));
        if (!_handled.TryDequeue(out var handled))
        {
            throw new InvalidOperationException("Signalled without an interaction.");
        }

        return handled.Error is null
            ? handled.Context
            : throw new InvalidOperationException($"The handler got {handled.Context.Interaction} but could not answer it.", handled.Error);
    }

    async Task IInteractionHandler.HandleAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        Exception? error = null;
        try
        {
            // Answered with a deferral through the REST client, as the bot does.
            var interaction = context.Interaction;
            await Rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionCallback.Defer(), withResponse: false, cancellationToken);

            context.Acknowledge();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = e;
        }

        _handled.Enqueue((context, error));
        _handledSignal.Release();
    }

    /// <summary>
    /// Re-checks <paramref name="condition"/> whenever something changes on either side: FakeDiscord's state, or
    /// a dispatch our session has taken in (it sets its state and sequence before publishing); see
    /// <see cref="PumpUntilAsync(Task)"/>.
    /// </summary>
    public async Task PumpUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(RestBed.HangGuard);
        while (true)
        {
            Task dispatched;
            lock (_gate)
            {
                dispatched = _dispatched.Task;
            }

            if (condition())
            {
                return;
            }

            using var done = new CancellationTokenSource();
            try
            {
                await PumpUntilAsync(Task.WhenAny(
                    dispatched,
                    Fake.WaitForAsync(_ => condition(), done.Token),
                    Fake.Gateway.WaitForAsync(_ => condition(), done.Token)).WaitAsync(guard.Token));
            }
            finally
            {
                await done.CancelAsync();
            }
        }
    }

    ValueTask IGatewayDispatchHandler.HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        _events.Enqueue(dispatch.EventName);
        TaskCompletionSource old;
        lock (_gate)
        {
            old = _dispatched;
            _dispatched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        old.TrySetResult();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Waits for <paramref name="work"/>, meanwhile moving the clock to each short timer the code parks on
    /// (backoff, op 9 delay, identify window); timers further away (heartbeats) are left for the test to reach.
    /// </summary>
    public async Task PumpUntilAsync(Task work)
    {
        using var guard = new CancellationTokenSource(RestBed.HangGuard);
        while (!work.IsCompleted)
        {
            _nextTimer ??= Time.NextTimerDueAtAsync();
            var first = await Task.WhenAny(work, _nextTimer, Task.Delay(Timeout.Infinite, guard.Token));
            guard.Token.ThrowIfCancellationRequested();
            if (first == _nextTimer)
            {
                var due = await _nextTimer - Time.GetUtcNow();
                _nextTimer = null;
                if (due > TimeSpan.Zero && due <= ShortTimerHorizon)
                {
                    Time.Advance(due);
                }
            }
        }

        await work;
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _dispatchWatch.Dispose();
        await Client.DisposeAsync();
        await _source.DisposeAsync();
        await Fake.DisposeAsync();
        Http.Dispose();
        _handledSignal.Dispose();
    }
}
