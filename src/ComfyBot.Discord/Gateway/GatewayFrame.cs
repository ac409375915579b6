using System.Text.Json;

namespace ComfyBot.Discord.Gateway;

/// <summary>The envelope of one received gateway payload; <see cref="Data"/> points into the received bytes.</summary>
internal readonly ref struct GatewayFrame
{
    private static ReadOnlySpan<byte> NullLiteral => "null"u8;

    public GatewayFrame(int opcode, int? sequence, string? eventName, ReadOnlySpan<byte> data)
    {
        Opcode = opcode;
        Sequence = sequence;
        EventName = eventName;
        Data = data;
    }

    public int Opcode { get; }

    public int? Sequence { get; }

    public string? EventName { get; }

    /// <summary>The raw JSON of <c>d</c> ("null" when absent).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Reads op, s, t and the span of d in one pass, without building a document.</summary>
    /// <exception cref="JsonException">The payload is not a gateway envelope.</exception>
    public static GatewayFrame Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A gateway payload must be a JSON object.");
        }

        int? opcode = null;
        int? sequence = null;
        string? eventName = null;
        var data = NullLiteral;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("op"u8))
            {
                reader.Read();
                opcode = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("s"u8))
            {
                reader.Read();
                sequence = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
            }
            else if (reader.ValueTextEquals("t"u8))
            {
                reader.Read();
                eventName = reader.TokenType == JsonTokenType.Null ? null : GatewayEventNames.Get(ref reader);
            }
            else if (reader.ValueTextEquals("d"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                data = utf8[start..(int)reader.BytesConsumed];
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new GatewayFrame(opcode ?? throw new JsonException("The gateway payload has no 'op'."), sequence, eventName, data);
    }
}
