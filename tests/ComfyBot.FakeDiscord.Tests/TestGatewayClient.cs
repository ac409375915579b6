using System.IO.Compression;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Tests;

/// <summary>A bare ClientWebSocket speaking gateway JSON, so tests see exactly what the fake sends.</summary>
internal sealed class TestGatewayClient : IAsyncDisposable
{
    /// <summary>Hang guard only: every wait in these tests completes on a signal long before this.</summary>
    public static readonly TimeSpan HangGuard = ComfyBot.Testing.TestGuards.HangGuard;

    private readonly ClientWebSocket socket = new();

    // compress=zlib-stream: one inflate context for the whole connection, fed frame by frame.
    private readonly MemoryStream inflaterInput = new();
    private ZLibStream? inflater;

    /// <summary>The raw (compressed) bytes of every binary frame received, in order.</summary>
    public List<byte[]> BinaryFrames { get; } = [];

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public string? CloseDescription => socket.CloseStatusDescription;

    public static async Task<TestGatewayClient> ConnectAsync(Uri url, string query = "?v=10&encoding=json")
    {
        var client = new TestGatewayClient();
        using var cts = new CancellationTokenSource(HangGuard);
        await client.socket.ConnectAsync(new Uri(url + query), cts.Token);
        return client;
    }

    /// <summary>The next frame, or null once the server closed the connection (see <see cref="CloseStatus"/>).</summary>
    public async Task<JsonObject?> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(HangGuard);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                var bytes = result.MessageType == WebSocketMessageType.Binary ? Inflate(message.ToArray()) : message.ToArray();
                return (JsonObject)JsonNode.Parse(Encoding.UTF8.GetString(bytes))!;
            }
        }
    }

    private byte[] Inflate(byte[] frame)
    {
        BinaryFrames.Add(frame);
        Assert.True(frame.AsSpan().EndsWith((byte[])[0x00, 0x00, 0xFF, 0xFF]), "a zlib-stream frame must end with the Z_SYNC_FLUSH suffix 00 00 FF FF");
        inflaterInput.SetLength(0);
        inflaterInput.Write(frame);
        inflaterInput.Position = 0;
        inflater ??= new ZLibStream(inflaterInput, CompressionMode.Decompress, leaveOpen: true);
        using var output = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = inflater.Read(chunk)) > 0)
        {
            output.Write(chunk, 0, read);
        }

        return output.ToArray();
    }

    /// <summary>The next frame, which must be there.</summary>
    public async Task<JsonObject> NextAsync() =>
        await ReceiveAsync() ?? throw new InvalidOperationException($"The server closed the connection ({CloseStatus} {CloseDescription}).");

    /// <summary>Skips frames until a dispatch named <paramref name="eventName"/>.</summary>
    public async Task<JsonObject> NextDispatchAsync(string eventName)
    {
        while (true)
        {
            var frame = await NextAsync();
            if (frame["op"]!.GetValue<int>() == 0 && frame["t"]!.GetValue<string>() == eventName)
            {
                return frame;
            }
        }
    }

    /// <summary>Skips frames until one with opcode <paramref name="op"/>.</summary>
    public async Task<JsonObject> NextOpAsync(int op)
    {
        while (true)
        {
            var frame = await NextAsync();
            if (frame["op"]!.GetValue<int>() == op)
            {
                return frame;
            }
        }
    }

    /// <summary>Reads until the server closes; returns the close code.</summary>
    public async Task<int?> ReadUntilClosedAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }

        return (int?)CloseStatus;
    }

    public async Task SendAsync(int op, JsonNode? d)
    {
        using var cts = new CancellationTokenSource(HangGuard);
        var text = new JsonObject { ["op"] = op, ["d"] = d }.ToJsonString();
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
    }

    public Task IdentifyAsync(string token, int intents = 1, JsonArray? shard = null)
    {
        var d = new JsonObject
        {
            ["token"] = token,
            ["intents"] = intents,
            ["properties"] = new JsonObject { ["os"] = "linux", ["browser"] = "test", ["device"] = "test" },
        };
        if (shard is not null)
        {
            d["shard"] = shard;
        }

        return SendAsync(2, d);
    }

    /// <summary>HELLO, IDENTIFY, READY: returns READY's frame.</summary>
    public async Task<JsonObject> HandshakeAsync(string token)
    {
        var hello = await NextAsync();
        Assert.Equal(10, hello["op"]!.GetValue<int>());
        await IdentifyAsync(token);
        return await NextDispatchAsync("READY");
    }

    public async Task CloseAsync(WebSocketCloseStatus status)
    {
        using var cts = new CancellationTokenSource(HangGuard);
        await socket.CloseAsync(status, null, cts.Token);
    }

    public ValueTask DisposeAsync()
    {
        socket.Abort();
        socket.Dispose();
        inflater?.Dispose();
        inflaterInput.Dispose();
        return ValueTask.CompletedTask;
    }
}
