using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Sockets;

/// <summary>The binary preview frames of protocol section 4.3 (all integers uint32 big-endian).</summary>
internal static class PreviewFrames
{
    public const int JpegFormat = 1;
    public const int PngFormat = 2;

    /// <summary>Type 1: [1][format][image].</summary>
    public static OutboundFrame Legacy(byte[] image, int format)
    {
        var frame = new byte[8 + image.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, 1);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)format);
        image.CopyTo(frame, 8);
        return new OutboundFrame(frame, IsText: false);
    }

    /// <summary>Type 4: [4][metadata length][metadata JSON][image].</summary>
    public static OutboundFrame WithMetadata(byte[] image, string promptId, string nodeId, string imageType)
    {
        // json.dumps output, as the rest of the wire: the recorded frames have its ", " and ": " separators.
        var metadata = Encoding.UTF8.GetBytes(WireJson.Write(new JsonObject
        {
            ["node_id"] = nodeId,
            ["prompt_id"] = promptId,
            ["display_node_id"] = nodeId,
            ["parent_node_id"] = null,
            ["real_node_id"] = nodeId,
            ["image_type"] = imageType,
        }));
        var frame = new byte[8 + metadata.Length + image.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, 4);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)metadata.Length);
        metadata.CopyTo(frame, 8);
        image.CopyTo(frame, 8 + metadata.Length);
        return new OutboundFrame(frame, IsText: false);
    }
}
