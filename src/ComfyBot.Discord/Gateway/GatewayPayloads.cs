using System.Buffers;
using System.Text.Json;

namespace ComfyBot.Discord.Gateway;

/// <summary>Writes the payloads we send. The token goes into bytes for the socket only, never into a string we could log.</summary>
internal static class GatewayPayloads
{
    /// <summary>Discord closes the connection (4002) on anything larger.</summary>
    public const int MaxPayloadBytes = 4096;

    public static byte[] Heartbeat(int? sequence) => Write(writer =>
    {
        writer.WriteNumber("op"u8, (int)GatewayOpcode.Heartbeat);
        if (sequence is { } s)
        {
            writer.WriteNumber("d"u8, s);
        }
        else
        {
            writer.WriteNull("d"u8);
        }
    });

    public static byte[] Identify(GatewayOptions options, int shardId, int shardCount) => Write(writer =>
    {
        writer.WriteNumber("op"u8, (int)GatewayOpcode.Identify);
        writer.WriteStartObject("d"u8);
        writer.WriteString("token"u8, options.Token.Trim());
        writer.WriteNumber("intents"u8, (int)options.Intents);
        writer.WriteStartObject("properties"u8);
        writer.WriteString("os"u8, OperatingSystemName());
        writer.WriteString("browser"u8, options.ClientName);
        writer.WriteString("device"u8, options.ClientName);
        writer.WriteEndObject();
        writer.WriteNumber("large_threshold"u8, options.LargeThreshold);
        writer.WriteStartArray("shard"u8);
        writer.WriteNumberValue(shardId);
        writer.WriteNumberValue(shardCount);
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public static byte[] Resume(GatewayOptions options, string sessionId, int? sequence) => Write(writer =>
    {
        writer.WriteNumber("op"u8, (int)GatewayOpcode.Resume);
        writer.WriteStartObject("d"u8);
        writer.WriteString("token"u8, options.Token.Trim());
        writer.WriteString("session_id"u8, sessionId);
        if (sequence is { } s)
        {
            writer.WriteNumber("seq"u8, s);
        }
        else
        {
            writer.WriteNull("seq"u8);
        }

        writer.WriteEndObject();
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string OperatingSystemName() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "other";
}
