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

    /// <summary>
    /// Prompt ids (36 bytes, on every message) by their first and last eight bytes and their length, which a
    /// random UUID spreads well, instead of a multiply per byte on every message. Short ids
    /// (node numbers) by FNV-1a over their bytes. A collision costs a miss, never a wrong string: a hit compares the bytes.
    /// </summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length >= 8)
        {
            var head = System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(utf8);
            var tail = System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(utf8[^8..]);
            var mixed = (head * 0x9E3779B97F4A7C15UL) ^ ((tail + (ulong)utf8.Length) * 0xC2B2AE3D27D4EB4FUL);
            mixed ^= mixed >> 29;
            return (int)mixed ^ (int)(mixed >> 32);
        }

        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash ^ (hash >> 15));
    }
}
