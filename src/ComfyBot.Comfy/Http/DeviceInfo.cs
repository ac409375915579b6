using System.Text.Json.Serialization;

namespace ComfyBot.Comfy.Http;

/// <summary>One device in GET /system_stats.</summary>
public sealed class DeviceInfo
{
    /// <summary>The device name, e.g. <c>cuda:0 NVIDIA H200 : cudaMallocAsync</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The device type: <c>cuda</c>, <c>cpu</c>, ...</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The device index; null on CPU.</summary>
    [JsonPropertyName("index")]
    public int? Index { get; set; }

    /// <summary>Total VRAM in bytes (system RAM on CPU).</summary>
    [JsonPropertyName("vram_total")]
    public long VramTotal { get; set; }

    /// <summary>Free VRAM in bytes.</summary>
    [JsonPropertyName("vram_free")]
    public long VramFree { get; set; }
}
