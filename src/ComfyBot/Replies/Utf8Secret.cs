using System.Text;

namespace ComfyBot.Replies;

/// <summary>
/// A secret kept as UTF-8 bytes rather than as a string, with value equality: half the memory of the string for an
/// ASCII token, for as long as it is only held and passed on. <see cref="Reveal"/> makes a new string on each call;
/// <see cref="ToString"/> gives only the length, so the secret cannot reach a log by accident.
/// </summary>
internal readonly struct Utf8Secret : IEquatable<Utf8Secret>
{
    private readonly byte[]? _bytes;

    public Utf8Secret(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _bytes = text.Length == 0 ? [] : Encoding.UTF8.GetBytes(text);
    }

    private ReadOnlySpan<byte> Bytes => _bytes ?? [];

    /// <summary>The secret as a string (a new one on each call).</summary>
    public string Reveal() => Bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(Bytes);

    public bool Equals(Utf8Secret other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is Utf8Secret other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    public override string ToString() => $"({Bytes.Length} bytes, not shown)";
}
