using System.Net;
using System.Net.Sockets;
using ComfyBot.Core.Backends;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Backends;

public sealed class BackendScopeTests
{
    [Fact]
    public async Task One_scope_key_shares_one_connected_stream_and_tracker()
    {
        await using var simulator = await BackendRig.SimulatorAsync();
        await using var backend = BackendRig.For(simulator);

        using var first = await backend.OpenScopeAsync("123456789012345678").WaitAsync(BackendRig.HangGuard);
        using var second = await backend.OpenScopeAsync("123456789012345678").WaitAsync(BackendRig.HangGuard);
        using var other = await backend.OpenScopeAsync("user-42").WaitAsync(BackendRig.HangGuard);

        Assert.Equal("comfybot-test-123456789012345678", first.ClientId);
        Assert.Same(first.Events, second.Events);
        Assert.Same(first.Tracker, second.Tracker);
        Assert.NotSame(first.Events, other.Events);
        Assert.True(first.Events.IsConnected);
        Assert.Equal(2, backend.OpenScopeCount);
        Assert.Equal(2, simulator.ConnectedClients);
    }

    [Fact]
    public async Task A_stream_is_closed_only_after_it_has_been_idle_for_the_timeout()
    {
        await using var simulator = await BackendRig.SimulatorAsync();
        var time = new FakeTimeProvider();
        await using var backend = BackendRig.For(simulator, time);
        var idleTimeout = new BackendOptions().ScopeIdleTimeout;

        var held = await backend.OpenScopeAsync("held").WaitAsync(BackendRig.HangGuard);
        var released = await backend.OpenScopeAsync("released").WaitAsync(BackendRig.HangGuard);
        var releasedStream = released.Events;
        released.Dispose();
        released.Dispose();

        time.Advance(idleTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await backend.CloseIdleScopesAsync());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await backend.CloseIdleScopesAsync());

        Assert.Equal(1, backend.OpenScopeCount);
        Assert.False(releasedStream.IsConnected);
        Assert.True(held.Events.IsConnected);
        using var again = await backend.OpenScopeAsync("released").WaitAsync(BackendRig.HangGuard);
        Assert.NotSame(releasedStream, again.Events);
        held.Dispose();
    }

    [Fact]
    public async Task Disposing_the_backend_closes_every_stream_and_refuses_new_scopes()
    {
        await using var simulator = await BackendRig.SimulatorAsync();
        var backend = BackendRig.For(simulator);
        using var scope = await backend.OpenScopeAsync("chan").WaitAsync(BackendRig.HangGuard);

        await backend.DisposeAsync();

        Assert.False(scope.Events.IsConnected);
        Assert.Equal(0, backend.OpenScopeCount);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => backend.OpenScopeAsync("chan"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a/b")]
    public async Task A_scope_key_unfit_for_a_client_id_is_refused_with_what_to_pass(string key)
    {
        await using var backend = new Backend(BackendRig.Options(new Uri("http://127.0.0.1:1/")), "test", TimeProvider.System, NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => backend.OpenScopeAsync(key));

        Assert.Contains("channel or user id", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, backend.OpenScopeCount);
    }

    [Fact]
    public async Task Configured_headers_go_on_every_http_call_and_on_the_websocket_upgrade()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = BackendRig.Options(new Uri($"http://127.0.0.1:{port}/"));
        options.Headers["Authorization"] = "Bearer s3cret";
        options.Headers["X-Team"] = "comfy";
        await using var backend = new Backend(options, "test", TimeProvider.System, NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();

        var httpRequest = BackendRig.AnswerOneRequestAsync(listener);
        var stats = backend.Client.GetSystemStatsAsync();
        var http = await httpRequest.WaitAsync(BackendRig.HangGuard);
        await Assert.ThrowsAnyAsync<Exception>(() => stats);

        var upgradeRequest = BackendRig.AnswerOneRequestAsync(listener);
        var opening = backend.OpenScopeAsync("chan", stop.Token);
        var upgrade = await upgradeRequest.WaitAsync(BackendRig.HangGuard);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => opening);

        Assert.StartsWith("GET /system_stats ", http, StringComparison.Ordinal);
        Assert.StartsWith("GET /ws?clientId=comfybot-test-chan ", upgrade, StringComparison.Ordinal);
        foreach (var request in new[] { http, upgrade })
        {
            Assert.Contains("Authorization: Bearer s3cret\r\n", request, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("X-Team: comfy\r\n", request, StringComparison.OrdinalIgnoreCase);
        }
    }
}
