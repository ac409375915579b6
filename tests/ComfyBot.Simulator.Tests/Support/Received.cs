using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Tests.Support;

/// <summary>One frame a test socket received: a JSON message or a binary event.</summary>
internal sealed record Received(JsonObject? Message, byte[]? Binary)
{
    public string Type => Message?["type"]?.ToString() ?? "";

    /// <summary>A text frame as sent, byte for byte.</summary>
    public string? Text { get; init; }

    public JsonObject? Data => Message?["data"] as JsonObject;

    public int BinaryEvent => Binary is null ? 0 : (int)BinaryPrimitives.ReadUInt32BigEndian(Binary);

    /// <summary>"status", "executing" ... or "bin1"/"bin4" for binary frames, as the recordings name them.</summary>
    public string Token => Message is not null ? Type : "bin" + BinaryEvent;

    /// <summary>The metadata JSON of a type-4 frame.</summary>
    public JsonObject? Metadata
    {
        get
        {
            if (BinaryEvent != 4)
            {
                return null;
            }

            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(Binary.AsSpan(4));
            return JsonNode.Parse(Encoding.UTF8.GetString(Binary!, 8, length)) as JsonObject;
        }
    }

    /// <summary>The image bytes of a type-1 or type-4 frame.</summary>
    public byte[] Image => BinaryEvent switch
    {
        1 => Binary![8..],
        4 => Binary![(8 + (int)BinaryPrimitives.ReadUInt32BigEndian(Binary.AsSpan(4)))..],
        _ => [],
    };

    public bool Is(string type, string? promptId = null) =>
        Type == type && (promptId is null || Data?["prompt_id"]?.ToString() == promptId);

    public override string ToString() => Message?.ToJsonString() ?? $"<binary event {BinaryEvent}, {Binary?.Length} bytes>";
}
