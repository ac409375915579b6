using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComfyBot.Discord;

/// <summary>
/// A Discord id. On the wire it is a string of digits (JSON numbers lose precision past 2^53);
/// its top 42 bits are milliseconds since the Discord epoch (2015-01-01T00:00:00Z).
/// </summary>
[JsonConverter(typeof(SnowflakeJsonConverter))]
public readonly record struct Snowflake(ulong Value) : IComparable<Snowflake>
{
    /// <summary>The Discord epoch, in Unix milliseconds.</summary>
    public const long DiscordEpochMilliseconds = 1420070400000;

    /// <summary>When this id was made.</summary>
    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds((long)(Value >> 22) + DiscordEpochMilliseconds);

    /// <summary>Parses the decimal string form.</summary>
    public static Snowflake Parse(string text) => new(ulong.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture));

    /// <summary>Parses the decimal string form, without throwing.</summary>
    public static bool TryParse(string? text, out Snowflake value)
    {
        var ok = ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var raw);
        value = new Snowflake(raw);
        return ok;
    }

    /// <summary>The smallest id made at <paramref name="time"/>; useful as a bound.</summary>
    public static Snowflake FromTimestamp(DateTimeOffset time) =>
        new((ulong)(time.ToUnixTimeMilliseconds() - DiscordEpochMilliseconds) << 22);

    /// <inheritdoc />
    public int CompareTo(Snowflake other) => Value.CompareTo(other.Value);

    /// <summary>Compares by value, which is also by creation time.</summary>
    public static bool operator <(Snowflake left, Snowflake right) => left.Value < right.Value;

    /// <summary>Compares by value, which is also by creation time.</summary>
    public static bool operator >(Snowflake left, Snowflake right) => left.Value > right.Value;

    /// <summary>Compares by value, which is also by creation time.</summary>
    public static bool operator <=(Snowflake left, Snowflake right) => left.Value <= right.Value;

    /// <summary>Compares by value, which is also by creation time.</summary>
    public static bool operator >=(Snowflake left, Snowflake right) => left.Value >= right.Value;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
