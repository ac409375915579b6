using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComfyBot.Simulator.Execution;

namespace ComfyBot.Simulator.Sockets;

/// <summary>The /ws handler: on-connect status, the feature_flags handshake, then reading until close.</summary>
internal static class WebSocketEndpoint
{
    public static async Task HandleAsync(HttpContext context, SimulatorRuntime runtime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Expected a WebSocket upgrade on /ws.", context.RequestAborted);
            return;
        }

        var requested = context.Request.Query["clientId"].ToString();
        var sid = string.IsNullOrEmpty(requested) ? Guid.NewGuid().ToString("N") : requested;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var state = runtime.State;
        var hub = runtime.Hub;
        await using var connection = new ClientConnection(sid, socket);

        // The on-connect messages go to this socket before it can see any broadcast.
        connection.Enqueue(SocketHub.TextFrame("status", new JsonObject
        {
            ["status"] = state.Queue.StatusInfo(),
            ["sid"] = sid,
        }));
        var running = state.Progress.ReconnectNode(sid);
        if (running is not null)
        {
            connection.Enqueue(SocketHub.TextFrame("executing", new JsonObject { ["node"] = running }));
        }

        hub.Track(connection);
        hub.Register(connection);
        connection.StartWriting();
        try
        {
            await ReadLoopAsync(socket, connection, runtime, context.RequestAborted);
        }
        finally
        {
            hub.Untrack(connection);
            if (!connection.Dropped)
            {
                hub.Unregister(sid);
            }
        }
    }

    internal static async Task ReadLoopAsync(WebSocket socket, ClientConnection connection, SimulatorRuntime runtime, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        var firstMessage = true;
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await connection.CloseAsync(ct);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    firstMessage = HandleText(message.ToArray(), firstMessage, connection, runtime);
                }

                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            // The client vanished (or closed while a frame was going out); HandleAsync unregisters it.
        }
    }

    /// <summary>Returns whether the next text frame still counts as the first one.</summary>
    internal static bool HandleText(byte[] utf8, bool firstMessage, ClientConnection connection, SimulatorRuntime runtime)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(utf8);
        }
        catch (JsonException)
        {
            // ComfyUI logs invalid JSON and does not count it as the first message (01_connect shows this).
            return firstMessage;
        }

        if (parsed is not JsonObject obj)
        {
            // data.get(...) raises on a non-object before first_message is cleared.
            return firstMessage;
        }

        if (firstMessage && obj["type"] is JsonValue type && type.TryGetValue<string>(out var t) && t == "feature_flags")
        {
            connection.SupportsPreviewMetadata = obj["data"] is JsonObject data
                && data["supports_preview_metadata"] is JsonValue flag
                && flag.TryGetValue<bool>(out var enabled) && enabled;
            connection.Enqueue(SocketHub.TextFrame("feature_flags", runtime.ServerFeatures()));
        }

        return false;
    }
}
