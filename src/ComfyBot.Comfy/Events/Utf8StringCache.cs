namespace ComfyBot.Comfy.Events;

/// <summary>
/// Reuses the string for ids that repeat from message to message (prompt ids, node ids), so parsing a steady
/// stream of progress messages allocates no new strings for them. Owned by one parser; not thread-safe.
/// </summary>
internal sealed class Utf8StringCache
{
    private readonly byte[]?[] _keys;
    private readonly string?[] _values;
    private int _next;

    public Utf8StringCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _keys = new byte[capacity][];
        _values = new string[capacity];
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] is { } key && utf8.SequenceEqual(key))
            {
                return _values[i]!;
            }
        }

        var value = System.Text.Encoding.UTF8.GetString(utf8);
        _keys[_next] = utf8.ToArray();
        _values[_next] = value;
        _next = (_next + 1) % _keys.Length;
        return value;
    }
}
