using System.Net;
using System.Net.Sockets;
using System.Text;
using ComfyBot.Comfy.Streaming;
using Microsoft.Extensions.Logging.Abstractions;
using static ComfyBot.Testing.TestGuards;

namespace ComfyBot.Comfy.Tests.Streaming;

public sealed class ComfyEventStreamHeaderTests
{

    [Fact]
    public async Task Request_headers_are_sent_with_the_websocket_upgrade()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = new ComfyEventStreamOptions();
        options.RequestHeaders["Authorization"] = "Bearer s3cret";
        await using var stream = new ComfyEventStream(
            new Uri($"http://127.0.0.1:{port}/"), "bot-1", options, TimeProvider.System, NullLogger<ComfyEventStream>.Instance);
        using var stop = new CancellationTokenSource();

        var head = ReadRequestHeadAsync(listener);
        var starting = stream.StartAsync(stop.Token);
        var request = await head.WaitAsync(HangGuard);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starting);

        Assert.StartsWith("GET /ws?clientId=bot-1 ", request, StringComparison.Ordinal);
        Assert.Contains("\r\nAuthorization: Bearer s3cret\r\n", request, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_header_name_that_is_not_a_plain_token_is_refused_without_its_value()
    {
        var options = new ComfyEventStreamOptions();
        options.RequestHeaders["Bad Name:"] = "s3cret";

        var error = Assert.Single(options.Validate());

        Assert.Contains("RequestHeaders has the header name 'Bad Name:'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
    }

    private static async Task<string> ReadRequestHeadAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var network = client.GetStream();
        var buffer = new byte[8192];
        var count = 0;
        while (count < buffer.Length && !Encoding.ASCII.GetString(buffer, 0, count).Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await network.ReadAsync(buffer.AsMemory(count));
            if (read == 0)
            {
                break;
            }

            count += read;
        }

        // Refuse the upgrade so the client does not wait for a handshake.
        await network.WriteAsync("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
        return Encoding.ASCII.GetString(buffer, 0, count);
    }
}
