using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Sockets;

/// <summary>How JSON goes on the wire: compact, with quotes and non-ASCII text left readable as Python's json does.</summary>
internal static class WireJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
