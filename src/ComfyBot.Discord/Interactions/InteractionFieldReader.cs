using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ComfyBot.Discord.Interactions;

/// <summary>
/// Token-level reads of one field's value (snowflakes, strings, numbers, enums as integers, timestamps) that
/// check the token type and raise an <see cref="InteractionFormatException"/> naming the field when it is wrong.
/// The object readers of the interaction (<see cref="InteractionReader"/> and the readers it calls) are built
/// from these, so every format error is worded in one place.
/// </summary>
internal static class InteractionFieldReader
{
    /// <summary>
    /// Whether the current property is <paramref name="name"/>. A plain span compare, which fails fast on
    /// length, is much cheaper than ValueTextEquals; escaped names (rare) take the careful path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.ValueIsEscaped ? reader.ValueTextEquals(name) : reader.ValueSpan.SequenceEqual(name);

    internal static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new InteractionFormatException("The interaction JSON ends early; it was cut off.");
        }
    }

    internal static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string field)
    {
        if (reader.TokenType != expected)
        {
            throw new InteractionFormatException($"'{field}' is {Describe(reader.TokenType)}; expected {Describe(expected)}.");
        }
    }

    internal static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string parent, string name)
    {
        if (reader.TokenType != expected)
        {
            throw new InteractionFormatException($"'{Field(parent, name)}' is {Describe(reader.TokenType)}; expected {Describe(expected)}.");
        }
    }

    internal static string? ReadString(ref Utf8JsonReader reader, string parent, string name)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.String, parent, name);
        return reader.GetString();
    }

    internal static Snowflake? ReadSnowflake(ref Utf8JsonReader reader, string parent, string name)
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
    internal static ulong? ReadPermissions(ref Utf8JsonReader reader, string parent, string name)
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

    internal static int? ReadInt(ref Utf8JsonReader reader, string parent, string name)
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

    internal static long? ReadLong(ref Utf8JsonReader reader, string parent, string name)
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

    internal static bool? ReadBool(ref Utf8JsonReader reader, string parent, string name)
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

    internal static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader, string parent, string name)
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

    internal static Snowflake[] ReadSnowflakes(ref Utf8JsonReader reader, string parent, string name)
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

    internal static string[] ReadStrings(ref Utf8JsonReader reader, string parent, string name)
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

    internal delegate T ObjectReader<out T>(ref Utf8JsonReader reader, string field);

    /// <summary>Reads an object value (or null) with <paramref name="read"/>, which starts after the '{'.</summary>
    internal static T? ReadObject<T>(ref Utf8JsonReader reader, string field, ObjectReader<T> read)
        where T : class
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject, field);
        return read(ref reader, field);
    }

    internal static InteractionFormatException Missing(string field) =>
        new($"The interaction has no '{field}', which Discord always sends; is this really an interaction payload?");

    /// <summary>Steps over a value we don't use (entitlements, guild objects, fields Discord adds later).</summary>
    internal static void SkipValue(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    /// <summary>A field's path, built only when an error needs it.</summary>
    internal static string Field(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    internal static string Describe(JsonTokenType token) => token switch
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

    internal static string? Truncate(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text;
}
