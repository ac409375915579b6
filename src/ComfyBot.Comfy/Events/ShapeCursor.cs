namespace ComfyBot.Comfy.Events;

/// <summary>
/// Matches JSON as ComfyUI's <c>json.dumps</c> writes it (default separators <c>", "</c> and <c>": "</c>, plain
/// ASCII strings, since ensure_ascii escapes everything else) byte by byte, over one flat object's fields. It only
/// accepts text <see cref="System.Text.Json.Utf8JsonReader"/> reads without error to the same values; at the first
/// byte off that shape it sets <see cref="Off"/> and every later call does nothing, so the caller drops what it has
/// and lets the reader read the frame (same event, same error).
/// </summary>
internal ref struct ShapeCursor
{
    private readonly ReadOnlySpan<byte> _json;
    private bool _inFields;

    /// <param name="json">The frame.</param>
    /// <param name="at">Where the matching starts.</param>
    public ShapeCursor(ReadOnlySpan<byte> json, int at)
    {
        _json = json;
        At = at;
    }

    /// <summary>The next byte to match.</summary>
    public int At { get; private set; }

    /// <summary>True once something was off the shape; nothing read is to be used then.</summary>
    public bool Off { get; private set; }

    /// <summary>Matches <paramref name="text"/> exactly.</summary>
    public bool Literal(ReadOnlySpan<byte> text)
    {
        if (!Off && _json[At..].StartsWith(text))
        {
            At += text.Length;
            return true;
        }

        return Fail();
    }

    /// <summary>
    /// The next field's name in the object whose <c>{</c> was just matched: false at the object's <c>}</c> (matched)
    /// or when off the shape. A name is a plain string followed by <c>": "</c>.
    /// </summary>
    public bool NextField(out ReadOnlySpan<byte> name)
    {
        name = default;
        if (Off || At >= _json.Length)
        {
            return Fail();
        }

        if (_json[At] == (byte)'}')
        {
            At++;
            _inFields = false;
            return false;
        }

        if (_inFields && !Literal(", "u8))
        {
            return false;
        }

        _inFields = true;
        return String(out name) && Literal(": "u8);
    }

    /// <summary>A plain string's content (between its quotes).</summary>
    public bool String(out ReadOnlySpan<byte> text)
    {
        text = default;
        if (Off || At >= _json.Length || _json[At] != (byte)'"')
        {
            return Fail();
        }

        // A plain string is the output fast path's: no escape, no control character, no non-ASCII byte.
        var end = OutputFilesScan.Plain(_json, At + 1);
        if (end < 0)
        {
            return Fail();
        }

        text = _json[(At + 1)..end];
        At = end + 1;
        return true;
    }

    /// <summary>A string id (from the parser's cache) or null; a numeric id goes to the reader.</summary>
    public string? Id(JsonFields fields)
    {
        if (Null())
        {
            return null;
        }

        return String(out var text) ? fields.Id(text) : null;
    }

    /// <summary>A non-negative integer of at most 9 digits (so it fits an int as written); anything else goes to the reader.</summary>
    public int Int() => (int)(Digits(9) ?? 0);

    /// <summary>A non-negative integer of at most 18 digits, or null.</summary>
    public long? LongOrNull() => Null() ? null : Digits(18);

    /// <summary>An array of plain string ids, possibly empty.</summary>
    public List<string> Ids(JsonFields fields)
    {
        var ids = new List<string>();
        if (!Literal("["u8) || (At < _json.Length && _json[At] == (byte)']' && Literal("]"u8)))
        {
            return ids;
        }

        do
        {
            if (String(out var text))
            {
                ids.Add(fields.Id(text));
            }
        }
        while (!Off && At < _json.Length && _json[At] == (byte)',' && Literal(", "u8));

        Literal("]"u8);
        return ids;
    }

    /// <summary>A value the caller does not use: a plain string, a literal, a number, or an empty array or object.</summary>
    public void SkipValue()
    {
        if (Off || At >= _json.Length)
        {
            Fail();
            return;
        }

        switch (_json[At])
        {
            case (byte)'"': String(out _); break;
            case (byte)'n': Literal("null"u8); break;
            case (byte)'t': Literal("true"u8); break;
            case (byte)'f': Literal("false"u8); break;
            case (byte)'[': Literal("[]"u8); break;
            case (byte)'{': Literal("{}"u8); break;
            default: Number(); break;
        }
    }

    /// <summary>Moves past bytes the caller has checked itself (e.g. with <see cref="JsonExtent"/>).</summary>
    public void MoveTo(int index) => At = Off ? At : index;

    /// <summary>Marks the rest off the shape.</summary>
    public bool Fail()
    {
        Off = true;
        return false;
    }

    private bool Null()
    {
        if (!Off && _json[At..].StartsWith("null"u8))
        {
            At += 4;
            return true;
        }

        return false;
    }

    private long? Digits(int most)
    {
        var span = Off ? default : _json[At..];
        var n = 0;
        long value = 0;
        while (n < span.Length && n <= most && (uint)(span[n] - '0') <= 9)
        {
            value = (value * 10) + (span[n] - '0');
            n++;
        }

        // No leading zero, not too long, and not the start of a fraction or an exponent.
        if (n == 0 || n > most || (span[0] == (byte)'0' && n > 1) || (n < span.Length && span[n] is (byte)'.' or (byte)'e' or (byte)'E'))
        {
            Fail();
            return null;
        }

        At += n;
        return value;
    }

    /// <summary>Any JSON number: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    private void Number()
    {
        var span = _json[At..];
        var n = 0;
        if (n < span.Length && span[n] == (byte)'-') { n++; }
        if (n < span.Length && span[n] == (byte)'0') { n++; }
        else if (!Run(span, ref n)) { Fail(); return; }

        if (n < span.Length && span[n] == (byte)'.')
        {
            n++;
            if (!Run(span, ref n)) { Fail(); return; }
        }

        if (n < span.Length && span[n] is (byte)'e' or (byte)'E')
        {
            n++;
            if (n < span.Length && span[n] is (byte)'+' or (byte)'-') { n++; }
            if (!Run(span, ref n)) { Fail(); return; }
        }

        At += n;
    }

    private static bool Run(ReadOnlySpan<byte> span, ref int n)
    {
        var start = n;
        while (n < span.Length && (uint)(span[n] - '0') <= 9) { n++; }
        return n > start;
    }
}
