namespace ComfyBot.Comfy.Events;

/// <summary>
/// Reuses the string for ids that repeat from message to message (prompt ids, node ids), so parsing a steady
/// stream of progress messages allocates no new strings for them. Direct-mapped by a hash of the bytes: a lookup
/// compares one slot, not all of them, and the many node ids of a progress_state message do not push the prompt id
/// out as a round-robin list of a few slots did. Owned by one parser; not thread-safe.
/// </summary>
internal sealed class Utf8StringCache
{
    private readonly byte[]?[] _keys;
    private readonly string?[] _values;
    private readonly int _mask;

    /// <param name="capacity">Slots; rounded up to a power of two.</param>
    public Utf8StringCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var slots = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _keys = new byte[slots][];
        _values = new string[slots];
        _mask = slots - 1;
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        var slot = Hash(utf8) & _mask;
        if (_keys[slot] is { } key && utf8.SequenceEqual(key))
        {
            return _values[slot]!;
        }

        var value = System.Text.Encoding.UTF8.GetString(utf8);
        _keys[slot] = utf8.ToArray();
        _values[slot] = value;
        return value;
    }

    /// <summary>FNV-1a over the bytes (ids are short: node numbers and 36-character prompt ids).</summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash ^ (hash >> 15));
    }
}
