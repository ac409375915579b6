using System.Text.Json.Serialization;

namespace ComfyBot.Comfy.Http;

/// <summary>The <c>system</c> part of GET /system_stats.</summary>
public sealed class SystemInfo
{
    /// <summary>The OS: <c>linux</c>, <c>win32</c>, <c>darwin</c> (or <c>posix</c>/<c>nt</c> before 0.4.0).</summary>
    [JsonPropertyName("os")]
    public string? Os { get; set; }

    /// <summary>Total RAM in bytes.</summary>
    [JsonPropertyName("ram_total")]
    public long RamTotal { get; set; }

    /// <summary>Free RAM in bytes.</summary>
    [JsonPropertyName("ram_free")]
    public long RamFree { get; set; }

    /// <summary>The ComfyUI version.</summary>
    [JsonPropertyName("comfyui_version")]
    public string? ComfyUIVersion { get; set; }

    /// <summary>The Python version.</summary>
    [JsonPropertyName("python_version")]
    public string? PythonVersion { get; set; }

    /// <summary>The PyTorch version.</summary>
    [JsonPropertyName("pytorch_version")]
    public string? PytorchVersion { get; set; }
}
