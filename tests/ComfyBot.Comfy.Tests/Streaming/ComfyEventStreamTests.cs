using ComfyBot.Comfy.Events;
using ComfyBot.Comfy.Streaming;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Comfy.Tests.Streaming;

public sealed class ComfyEventStreamTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));
    private readonly ScriptedSocketFactory _sockets = new();
    private readonly ComfyEventStream _stream;

    public ComfyEventStreamTests()
    {
        var options = new ComfyEventStreamOptions { ReconnectInitialDelay = TimeSpan.Zero, ReconnectMaxDelay = TimeSpan.Zero };
        _stream = new ComfyEventStream(new Uri("http://comfy.test:8188/base"), "bot 1", options, _time, NullLogger.Instance, _sockets, () => 0.5);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _stream.DisposeAsync();

    private static async Task<ComfyEvent> NextAsync(ComfyEventSubscription subscription) =>
        await subscription.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);

    /// <summary>The on-connect status that every socket gets first, as from ComfyUI.</summary>
    private static async Task SkipGreetingAsync(ComfyEventSubscription subscription, int socket = 1) =>
        Assert.Equal($"socket {socket}", Assert.IsType<StatusEvent>(await NextAsync(subscription)).Sid);

    [Fact]
    public async Task Start_WaitsForTheServersGreeting_BecauseEventsBeforeRegistrationAreDropped()
    {
        _sockets.Greet = false;
        var start = _stream.StartAsync();
        var socket = await _sockets.NextAsync();
        Assert.False(start.IsCompleted);
        Assert.False(_stream.IsConnected);

        socket.Text("""{"type":"status","data":{"status":{"exec_info":{"queue_remaining":0}},"sid":"bot 1"}}""");

        await start.WaitAsync(HangGuard);
        Assert.True(_stream.IsConnected);
    }

    [Fact]
    public async Task Start_ConnectsToWsWithClientId_AndSendsFeatureFlagsFirst()
    {
        await _stream.StartAsync().WaitAsync(HangGuard);
        var socket = await _sockets.NextAsync();

        Assert.Equal("ws://comfy.test:8188/base/ws?clientId=bot%201", socket.Uri!.AbsoluteUri);
        Assert.Equal("""{"type":"feature_flags","data":{"supports_preview_metadata":true}}""", Assert.Single(socket.Sent));
        Assert.True(_stream.IsConnected);
    }

    [Fact]
    public async Task Subscribe_ForOnePrompt_GetsItsEventsAndStatusOnly()
    {
        using var mine = _stream.Subscribe("p1");
        using var all = _stream.Subscribe();
        await _stream.StartAsync().WaitAsync(HangGuard);
        var socket = await _sockets.NextAsync();

        socket.Text("""{"type":"progress","data":{"value":1,"max":2,"prompt_id":"p2","node":"3"}}""");
        socket.Text("""{"type":"status","data":{"status":{"exec_info":{"queue_remaining":2}}}}""");
        socket.Text("""{"type":"progress","data":{"value":1,"max":2,"prompt_id":"p1","node":"3"}}""");

        await SkipGreetingAsync(mine);
        await SkipGreetingAsync(all);
        Assert.IsType<StatusEvent>(await NextAsync(mine));
        Assert.Equal("p1", Assert.IsType<ProgressEvent>(await NextAsync(mine)).PromptId);
        Assert.Equal("p2", (await NextAsync(all)).PromptId);
        Assert.IsType<StatusEvent>(await NextAsync(all));
        Assert.Equal("p1", (await NextAsync(all)).PromptId);
    }

    [Fact]
    public async Task Type1Preview_IsAttributedToTheLastExecutingPrompt()
    {
        using var mine = _stream.Subscribe("p1");
        await _stream.StartAsync().WaitAsync(HangGuard);
        var socket = await _sockets.NextAsync();
        byte[] frame = [0, 0, 0, 1, 0, 0, 0, 1, 0xFF, 0xD8, 0xFF, 0xE0];

        socket.Text("""{"type":"executing","data":{"node":"3","display_node":"3","prompt_id":"p1"}}""");
        socket.Binary(frame);

        await SkipGreetingAsync(mine);
        Assert.IsType<ExecutingEvent>(await NextAsync(mine));
        var preview = Assert.IsType<PreviewImageEvent>(await NextAsync(mine));
        Assert.Equal("p1", preview.PromptId);
        Assert.Equal(4, preview.Image.Length);
    }

    [Fact]
    public async Task MalformedFrame_IsSkipped_AndTheStreamGoesOn()
    {
        using var all = _stream.Subscribe();
        await _stream.StartAsync().WaitAsync(HangGuard);
        var socket = await _sockets.NextAsync();

        socket.Text("not json");
        socket.Binary([0, 0]);
        socket.Text("""{"type":"execution_start","data":{"prompt_id":"p1","timestamp":1}}""");

        await SkipGreetingAsync(all);
        Assert.IsType<ExecutionStartEvent>(await NextAsync(all));
    }

    [Fact]
    public async Task ServerClose_ClosesOldSocketBeforeOpeningNew_ResendsFlags_AndReportsTheGap()
    {
        using var all = _stream.Subscribe();
        _sockets.OnClose = () => _time.Advance(TimeSpan.FromSeconds(5));
        await _stream.StartAsync().WaitAsync(HangGuard);
        var first = await _sockets.NextAsync();
        var lostAt = _time.GetUtcNow();

        first.ServerClose();
        var second = await _sockets.NextAsync();

        await SkipGreetingAsync(all, socket: 1);
        var gap = Assert.IsType<ConnectionGapEvent>(await NextAsync(all));
        Assert.Equal(lostAt, gap.DisconnectedAt);
        Assert.Equal(lostAt.AddSeconds(5), gap.ReconnectedAt);
        Assert.Equal(["connect#1", "send#1", "close#1", "connect#2", "send#2"], _sockets.Log);
        Assert.Single(second.Sent);
        await SkipGreetingAsync(all, socket: 2);
    }

    [Fact]
    public async Task FailedConnects_AreRetried_AndTheFirstConnectionIsNotAGap()
    {
        using var all = _stream.Subscribe();
        _sockets.ConnectFailure = n => n < 3 ? new System.Net.WebSockets.WebSocketException("refused") : null;
        await _stream.StartAsync().WaitAsync(HangGuard);
        var third = (await _sockets.NextAsync(), await _sockets.NextAsync(), await _sockets.NextAsync()).Item3;

        await SkipGreetingAsync(all, socket: 3);
        Assert.Equal(3, third.Number);
        Assert.Equal(0, all.Reader.Count);
    }

    [Fact]
    public async Task Start_AfterTheConnectionWasLost_ReconnectsAtOnce_WithoutWaitingOutTheBackoff()
    {
        // Backoff long enough that only the wake can explain a new socket: the fake clock never moves.
        var sockets = new ScriptedSocketFactory();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sockets.OnClose = () => closed.TrySetResult();
        var options = new ComfyEventStreamOptions { ReconnectInitialDelay = TimeSpan.FromSeconds(20), ReconnectMaxDelay = TimeSpan.FromMinutes(1) };
        await using var stream = new ComfyEventStream(new Uri("http://comfy.test:8188/"), "bot", options, _time, NullLogger.Instance, sockets, () => 0.5);
        using var all = stream.Subscribe();
        await stream.StartAsync().WaitAsync(HangGuard);
        var first = await sockets.NextAsync();
        var at = _time.GetUtcNow();

        first.ServerClose();
        await closed.Task.WaitAsync(HangGuard);
        Assert.False(stream.IsConnected);
        var start = stream.StartAsync();
        var second = await sockets.NextAsync();
        await start.WaitAsync(HangGuard);

        Assert.Equal(2, second.Number);
        Assert.True(stream.IsConnected);
        Assert.Equal(at, _time.GetUtcNow());
        await SkipGreetingAsync(all, socket: 1);
        Assert.IsType<ConnectionGapEvent>(await NextAsync(all));
    }

    [Fact]
    public async Task ReconnectNow_WhileWaitingAfterAFailedConnect_ConnectsAtOnce_AndDoesNothingWhileConnected()
    {
        // The server answers 502 to the second socket's upgrade (down behind its proxy), then takes the third.
        var sockets = new ScriptedSocketFactory { ConnectFailure = n => n == 2 ? new System.Net.WebSockets.WebSocketException("502 Bad Gateway") : null };
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sockets.OnClose = () => closed.TrySetResult();
        var options = new ComfyEventStreamOptions { ReconnectInitialDelay = TimeSpan.FromSeconds(20), ReconnectMaxDelay = TimeSpan.FromMinutes(1) };
        await using var stream = new ComfyEventStream(new Uri("http://comfy.test:8188/"), "bot", options, _time, NullLogger.Instance, sockets, () => 0.5);
        await stream.StartAsync().WaitAsync(HangGuard);
        (await sockets.NextAsync()).ServerClose();
        await closed.Task.WaitAsync(HangGuard);

        stream.ReconnectNow();
        Assert.Equal(2, (await sockets.NextAsync()).Number);
        stream.ReconnectNow();
        var third = await sockets.NextAsync();
        await stream.StartAsync().WaitAsync(HangGuard);
        stream.ReconnectNow();

        Assert.Equal(3, third.Number);
        Assert.True(stream.IsConnected);
        Assert.Equal(["connect#1", "send#1", "close#1", "connect#2", "close#2", "connect#3", "send#3"], sockets.Log);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero), _time.GetUtcNow());
    }

    [Fact]
    public async Task Dispose_CompletesSubscriptions()
    {
        var all = _stream.Subscribe();
        await _stream.StartAsync().WaitAsync(HangGuard);
        await SkipGreetingAsync(all);
        await _stream.DisposeAsync();
        await all.Reader.Completion.WaitAsync(HangGuard);
        Assert.True(all.Reader.Completion.IsCompletedSuccessfully);
        Assert.False(_stream.IsConnected);
    }

    [Fact]
    public void Backoff_GrowsExponentially_WithJitter_UpToTheMaximum()
    {
        var random = 0.0;
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), () => random);
        Assert.Equal(TimeSpan.FromMilliseconds(500), backoff.Next(1));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.Next(3));
        Assert.Equal(TimeSpan.FromSeconds(5), backoff.Next(20));
        random = 1.0;
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next(1));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Next(20));
    }

    [Fact]
    public void Options_OutOfRange_NameTheKeyAndTheFix()
    {
        var errors = new ComfyEventStreamOptions { ReconnectInitialDelay = TimeSpan.FromMinutes(5) }.Validate();
        Assert.Contains(errors, e => e.StartsWith("ComfyEventStreamOptions:ReconnectInitialDelay is 00:05:00", StringComparison.Ordinal));
    }

    [Fact]
    public void SocketUri_Https_BecomesWss()
    {
        Assert.Equal("wss://h/ws?clientId=x", ComfyEventStream.SocketUri(new Uri("https://h"), "x").AbsoluteUri);
    }
}
