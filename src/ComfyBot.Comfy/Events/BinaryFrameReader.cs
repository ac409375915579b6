using System.Buffers.Binary;
using System.Text.Json;
using static ComfyBot.Comfy.Events.JsonFields;

namespace ComfyBot.Comfy.Events;

/// <summary>Binary frames: a uint32 big-endian event type, then a type-specific payload (protocol §4.3).</summary>
internal sealed class BinaryFrameReader(JsonFields fields)
{
    private const uint PreviewImage = 1;
    private const uint Text = 3;
    private const uint PreviewImageWithMetadata = 4;

    /// <summary>See <see cref="ComfyEventParser.ParseBinary"/>.</summary>
    public ComfyEvent Read(ReadOnlyMemory<byte> frame)
    {
        var span = frame.Span;
        if (span.Length < 4)
        {
            throw new ComfyProtocolException($"A binary frame must start with a 4-byte event type; it has {span.Length} bytes.");
        }

        var type = BinaryPrimitives.ReadUInt32BigEndian(span);
        switch (type)
        {
            case PreviewImage:
                {
                    RequireLength(span, 8, "type-1 preview header (event, image format)");
                    var format = BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
                    var mime = format switch
                    {
                        1 => "image/jpeg",
                        2 => "image/png",
                        _ => throw new ComfyProtocolException($"A type-1 preview frame has image format {format}; only 1 (JPEG) and 2 (PNG) exist."),
                    };
                    return new PreviewImageEvent(null, null, mime, frame[8..], HasMetadata: false);
                }

            case Text:
                {
                    var length = ReadLengthPrefix(span, "type-3 text frame's node id");
                    var nodeId = System.Text.Encoding.UTF8.GetString(span.Slice(8, length));
                    var text = System.Text.Encoding.UTF8.GetString(span[(8 + length)..]);
                    return new TextEvent(nodeId, text);
                }

            case PreviewImageWithMetadata:
                {
                    var length = ReadLengthPrefix(span, "type-4 preview's metadata");
                    var (promptId, nodeId, mime) = ReadPreviewMetadata(span.Slice(8, length));
                    return new PreviewImageEvent(promptId, nodeId, mime ?? "image/jpeg", frame[(8 + length)..], HasMetadata: true);
                }

            default:
                return new UnknownEvent($"binary:{type}");
        }
    }

    private static int ReadLengthPrefix(ReadOnlySpan<byte> span, string what)
    {
        RequireLength(span, 8, what + " length");
        var length = BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
        if (length > (uint)(span.Length - 8))
        {
            throw new ComfyProtocolException($"The {what} is {length} bytes long but the frame has only {span.Length - 8} bytes after the header.");
        }

        return (int)length;
    }

    private static void RequireLength(ReadOnlySpan<byte> span, int needed, string what)
    {
        if (span.Length < needed)
        {
            throw new ComfyProtocolException($"A binary frame is {span.Length} bytes, too short for its {what} ({needed} bytes).");
        }
    }

    private (string? PromptId, string? NodeId, string? Mime) ReadPreviewMetadata(ReadOnlySpan<byte> json)
    {
        string? promptId = null, nodeId = null, mime = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            Expect(ref reader, JsonTokenType.StartObject, "type-4 preview metadata");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("prompt_id"u8)) { promptId = fields.ReadId(ref reader); }
                else if (reader.ValueTextEquals("node_id"u8)) { nodeId = fields.ReadId(ref reader); }
                else if (reader.ValueTextEquals("image_type"u8)) { mime = ReadText(ref reader); }
                else { SkipValue(ref reader); }
            }
        }
        catch (JsonException ex)
        {
            throw new ComfyProtocolException($"A type-4 preview frame's metadata is not valid JSON ({ex.Message}).", ex);
        }

        return (promptId, nodeId, mime);
    }
}
