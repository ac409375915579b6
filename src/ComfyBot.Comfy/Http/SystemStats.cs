using System.Text.Json.Serialization;

namespace ComfyBot.Comfy.Http;

/// <summary>GET /system_stats. Memory values are in bytes.</summary>
public sealed class SystemStats
{
    /// <summary>The host and software versions.</summary>
    [JsonPropertyName("system")]
    public SystemInfo System { get; set; } = new();

    /// <summary>The torch device(s); a stock server reports exactly one.</summary>
    [JsonPropertyName("devices")]
    public IReadOnlyList<DeviceInfo> Devices { get; set; } = [];
}
