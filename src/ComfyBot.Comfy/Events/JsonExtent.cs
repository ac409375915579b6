using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ComfyBot.Comfy.Events;

/// <summary>
/// Finds where a JSON object ends without tokenizing it, 64 bytes at a time: a progress_state's nodes object is about
/// 500 bytes the tracker never reads, and tokenizing it was most of the parser's time on a recorded run. Only the
/// structure is checked: strings close, escapes are consumed, a backslash is never outside a string, and brackets
/// balance with the right kind (<c>{</c> with <c>}</c>, <c>[</c> with <c>]</c>). Everything else (literals, numbers,
/// commas, colons, control characters in strings) is left to whoever reads the bytes later.
/// </summary>
/// <remarks>
/// The block step is the usual bitmask one: the quote, backslash and bracket bytes of 64 bytes become four 64-bit
/// masks; escaped bytes follow an odd run of backslashes; the in-string mask is the prefix XOR of the unescaped
/// quotes; and only the brackets outside strings (a handful per node) are walked one by one.
/// </remarks>
internal static class JsonExtent
{
    private const int Block = 64;
    private const int MaxDepth = 64;

    /// <summary>The index just past the object that starts at <paramref name="start"/> (a <c>{</c>).</summary>
    /// <param name="json">The bytes; the object may be followed by anything.</param>
    /// <param name="start">The index of the object's <c>{</c>.</param>
    /// <param name="what">What the object is, for the error, e.g. <c>a progress_state message's 'nodes' object</c>.</param>
    /// <exception cref="ComfyProtocolException">The object is not well-formed enough to find its end.</exception>
    public static int EndOfObject(ReadOnlySpan<byte> json, int start, string what)
    {
        ulong arrays = 0;       // bit d: the bracket open at depth d is an array
        var depth = 0;
        ulong inString = 0;     // all ones when the previous block ended inside a string
        ulong escapedCarry = 0; // 1 when the previous block ended on an escaping backslash
        Span<byte> tail = stackalloc byte[Block];
        for (var at = start; at < json.Length; at += Block)
        {
            var block = json.Length - at >= Block ? json.Slice(at, Block) : Padded(json[at..], tail);
            Masks(block, out var quotes, out var backslashes, out var opens, out var closes);

            var escaped = Escaped(backslashes, ref escapedCarry);
            var strings = PrefixXor(quotes & ~escaped) ^ inString;
            inString = (ulong)((long)strings >> 63);
            if ((backslashes & ~escaped & ~strings) != 0)
            {
                var stray = BitOperations.TrailingZeroCount(backslashes & ~escaped & ~strings);
                throw NotWellFormed(what, $"a '\\' at byte {at + stray - start} of it is outside any string");
            }

            var brackets = (opens | closes) & ~strings;
            while (brackets != 0)
            {
                var bit = BitOperations.TrailingZeroCount(brackets);
                brackets &= brackets - 1;
                var b = block[bit];
                if ((opens & (1UL << bit)) != 0)
                {
                    if (depth == MaxDepth)
                    {
                        throw NotWellFormed(what, $"it nests more than {MaxDepth} deep");
                    }

                    arrays = b == (byte)'[' ? arrays | (1UL << depth) : arrays & ~(1UL << depth);
                    depth++;
                    continue;
                }

                depth--;
                var isArray = ((arrays >> depth) & 1) != 0;
                if (isArray != (b == (byte)']'))
                {
                    throw NotWellFormed(what, $"the '{(char)b}' at byte {at + bit - start} of it closes a '{(isArray ? '[' : '{')}'");
                }

                if (depth == 0)
                {
                    return at + bit + 1;
                }
            }
        }

        throw NotWellFormed(what, inString != 0 || escapedCarry != 0
            ? "the frame ends inside a string of it (truncated, or a string never closed)"
            : $"the frame ends before it closes (truncated, or a '}}' or ']' missing; {depth} still open)");
    }

    private static ReadOnlySpan<byte> Padded(ReadOnlySpan<byte> rest, Span<byte> tail)
    {
        tail.Fill((byte)' ');
        rest.CopyTo(tail);
        return tail;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Masks(ReadOnlySpan<byte> block, out ulong quotes, out ulong backslashes, out ulong opens, out ulong closes)
    {
        // The widest vectors the machine has: one 64-byte step with AVX-512 is a quarter of the compares of four 16-byte
        // ones (the scan is most of a progress_state's parse). Every width gives the same masks: bit i is byte i.
        if (Vector512.IsHardwareAccelerated)
        {
            Masks512(block, out quotes, out backslashes, out opens, out closes);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Masks256(block, out quotes, out backslashes, out opens, out closes);
        }
        else
        {
            Masks128(block, out quotes, out backslashes, out opens, out closes);
        }
    }

    // In each: '[' | 0x20 == '{' and ']' | 0x20 == '}', and no other byte maps onto those two.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Masks512(ReadOnlySpan<byte> block, out ulong quotes, out ulong backslashes, out ulong opens, out ulong closes)
    {
        var v = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(block));
        var folded = v | Vector512.Create((byte)0x20);
        quotes = Vector512.Equals(v, Vector512.Create((byte)'"')).ExtractMostSignificantBits();
        backslashes = Vector512.Equals(v, Vector512.Create((byte)'\\')).ExtractMostSignificantBits();
        opens = Vector512.Equals(folded, Vector512.Create((byte)'{')).ExtractMostSignificantBits();
        closes = Vector512.Equals(folded, Vector512.Create((byte)'}')).ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Masks256(ReadOnlySpan<byte> block, out ulong quotes, out ulong backslashes, out ulong opens, out ulong closes)
    {
        ref var first = ref MemoryMarshal.GetReference(block);
        quotes = backslashes = opens = closes = 0;
        for (var i = 0; i < Block; i += Vector256<byte>.Count)
        {
            var v = Vector256.LoadUnsafe(ref Unsafe.Add(ref first, i));
            var folded = v | Vector256.Create((byte)0x20);
            quotes |= (ulong)Vector256.Equals(v, Vector256.Create((byte)'"')).ExtractMostSignificantBits() << i;
            backslashes |= (ulong)Vector256.Equals(v, Vector256.Create((byte)'\\')).ExtractMostSignificantBits() << i;
            opens |= (ulong)Vector256.Equals(folded, Vector256.Create((byte)'{')).ExtractMostSignificantBits() << i;
            closes |= (ulong)Vector256.Equals(folded, Vector256.Create((byte)'}')).ExtractMostSignificantBits() << i;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Masks128(ReadOnlySpan<byte> block, out ulong quotes, out ulong backslashes, out ulong opens, out ulong closes)
    {
        ref var first = ref MemoryMarshal.GetReference(block);
        quotes = backslashes = opens = closes = 0;
        for (var i = 0; i < Block; i += Vector128<byte>.Count)
        {
            var v = Vector128.LoadUnsafe(ref Unsafe.Add(ref first, i));
            var folded = v | Vector128.Create((byte)0x20);
            quotes |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'"')).ExtractMostSignificantBits() << i;
            backslashes |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'\\')).ExtractMostSignificantBits() << i;
            opens |= (ulong)Vector128.Equals(folded, Vector128.Create((byte)'{')).ExtractMostSignificantBits() << i;
            closes |= (ulong)Vector128.Equals(folded, Vector128.Create((byte)'}')).ExtractMostSignificantBits() << i;
        }
    }

    /// <summary>The bytes that follow an escaping backslash; each escaping backslash escapes the next byte only.</summary>
    private static ulong Escaped(ulong backslashes, ref ulong carry)
    {
        var escaped = carry;
        carry = 0;
        var escapers = backslashes & ~escaped;
        while (escapers != 0)
        {
            var bit = BitOperations.TrailingZeroCount(escapers);
            if (bit == Block - 1)
            {
                carry = 1;
                break;
            }

            escaped |= 1UL << (bit + 1);
            escapers &= ~((1UL << (bit + 2)) - 1);  // this one and the byte it escapes
            if (bit + 2 == Block)
            {
                escapers = 0;
            }
        }

        return escaped;
    }

    private static ulong PrefixXor(ulong x)
    {
        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        x ^= x << 32;
        return x;
    }

    private static ComfyProtocolException NotWellFormed(string what, string fault) =>
        new($"{char.ToUpperInvariant(what[0])}{what[1..]} is not well-formed: {fault}.");
}
