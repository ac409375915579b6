using System.Net;
using System.Net.Sockets;
using ComfyBot.Core.Backends;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ComfyBot.Core.Tests.Backends;

public sealed class BackendSecretsTests
{
    [Fact]
    public async Task A_refused_token_marks_the_backend_down_without_the_token_in_its_health()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = BackendRig.Options(new Uri($"http://127.0.0.1:{port}/"));
        options.Headers["Authorization"] = "Bearer s3cret-token";
        var time = new FakeTimeProvider();
        await using var backend = new Backend(options, "test", time, NullLoggerFactory.Instance);
        await using var monitor = BackendRig.Monitor(time, backend);

        var answered = BackendRig.AnswerOneRequestAsync(listener, "401 Unauthorized");
        await monitor.PollOnceAsync().WaitAsync(BackendRig.HangGuard);
        var request = await answered.WaitAsync(BackendRig.HangGuard);

        Assert.Contains("s3cret-token", request, StringComparison.Ordinal);
        var health = backend.Health;
        Assert.Equal(BackendState.Down, health.State);
        Assert.Contains("401", health.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-token", health.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-token", backend.ToString(), StringComparison.Ordinal);
    }
}
