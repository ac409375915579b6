using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ComfyBot.Discord.Interactions;

/// <summary>Token-level reads that check the token type and name the field when it is wrong.</summary>
internal static partial class InteractionReader
{
    /// <summary>
    /// Whether the current property is <paramref name="name"/>. A plain span compare, which fails fast on
    /// length, is much cheaper than ValueTextEquals; escaped names (rare) take the careful path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.ValueIsEscaped ? reader.ValueTextEquals(name) : reader.ValueSpan.SequenceEqual(name);

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new InteractionFormatException("The interaction JSON ends early; it was cut off.");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string field)
    {
        if (reader.TokenType != expected)
        {
            throw new InteractionFormatException($"'{field}' is {Describe(reader.TokenType)}; expected {Describe(expected)}.");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string parent, string name)
    {
        if (reader.TokenType != expected)
        {
            throw new InteractionFormatException($"'{Field(parent, name)}' is {Describe(reader.TokenType)}; expected {Describe(expected)}.");
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader, string parent, string name)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.String, parent, name);
        return reader.GetString();
    }

    private static Snowflake? ReadSnowflake(ref Utf8JsonReader reader, string parent, string name)
    {
        Next(ref reader);
        return reader.TokenType == JsonTokenType.Null ? null : CurrentSnowflake(ref reader, parent, name);
    }

    private static Snowflake CurrentSnowflake(ref Utf8JsonReader reader, string parent, string name)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            && Utf8Parser.TryParse(reader.ValueSpan, out ulong raw, out var consumed) && consumed == reader.ValueSpan.Length)
        {
            return new Snowflake(raw);
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var number))
        {
            return new Snowflake(number);
        }

        throw new InteractionFormatException($"'{Field(parent, name)}' is {Describe(reader.TokenType)}{Quote(ref reader)}; expected a snowflake (a string of digits).");
    }

    // Permission bitfields are decimal strings because they outgrow a JSON number's 53 bits.
    private static ulong? ReadPermissions(ref Utf8JsonReader reader, string parent, string name)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            && Utf8Parser.TryParse(reader.ValueSpan, out ulong bits, out var consumed) && consumed == reader.ValueSpan.Length)
        {
            return bits;
        }

        throw new InteractionFormatException($"'{Field(parent, name)}' is {Describe(reader.TokenType)}{Quote(ref reader)}; expected a permission bitfield as a string of digits.");
    }

    private static int? ReadInt(ref Utf8JsonReader reader, string parent, string name)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)
            ? value
            : throw new InteractionFormatException($"'{Field(parent, name)}' is {Describe(reader.TokenType)}{Quote(ref reader)}; expected a whole number.");
    }

    private static long? ReadLong(ref Utf8JsonReader reader, string parent, string name)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)
            ? value
            : throw new InteractionFormatException($"'{Field(parent, name)}' is {Describe(reader.TokenType)}{Quote(ref reader)}; expected a whole number.");
    }

    private static bool? ReadBool(ref Utf8JsonReader reader, string parent, string name)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw new InteractionFormatException($"'{Field(parent, name)}' is {Describe(reader.TokenType)}; expected true or false."),
        };
    }

    private static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader, string parent, string name)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value)
            ? value
            : throw new InteractionFormatException($"'{Field(parent, name)}' is {Describe(reader.TokenType)}{Quote(ref reader)}; expected an ISO 8601 timestamp.");
    }

    private static Snowflake[] ReadSnowflakes(ref Utf8JsonReader reader, string parent, string name)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        Expect(ref reader, JsonTokenType.StartArray, parent, name);
        var items = new List<Snowflake>(4);
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return [.. items];
            }

            items.Add(CurrentSnowflake(ref reader, parent, name));
        }
    }

    private static string[] ReadStrings(ref Utf8JsonReader reader, string parent, string name)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        Expect(ref reader, JsonTokenType.StartArray, parent, name);
        var items = new List<string>(4);
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return [.. items];
            }

            Expect(ref reader, JsonTokenType.String, parent, name);
            items.Add(reader.GetString()!);
        }
    }

    /// <summary>Steps over a value we don't use (entitlements, guild objects, fields Discord adds later).</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    /// <summary>A field's path, built only when an error needs it.</summary>
    private static string Field(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string Quote(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $" '{Truncate(reader.GetString())}'",
        JsonTokenType.Number => $" {reader.GetDouble().ToString(CultureInfo.InvariantCulture)}",
        _ => string.Empty,
    };

    private static string? Truncate(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text;
}
