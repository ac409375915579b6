using System.Buffers;

namespace ComfyBot.Comfy.Events;

/// <summary>
/// The fast path for an <c>executed</c> message's output as ComfyUI's <c>json.dumps</c> writes it:
/// <c>{"images": [{"filename": "a.png", "subfolder": "", "type": "output"}, ...]}</c> with exactly that key order, the
/// <c>": "</c> and <c>", "</c> separators, and plain ASCII strings (json.dumps escapes everything else, and escapes go to
/// the reader). The entries are matched byte by byte instead of read as 8 tokens each: a 64-image message spent most of
/// its time there. It accepts only text the reader would read without error to the same files, and says no to
/// anything else (another key order, an escape, an extra key, other whitespace, a truncated entry, a non-string value),
/// having changed nothing, so the caller's reader reads it as before: same files, same errors.
/// </summary>
internal static class OutputFilesScan
{
    // What ends a plain string: its closing quote, or a byte the fast path leaves to the reader (a control character,
    // an escape, any non-ASCII byte, whose UTF-8 validity the reader checks).
    private static readonly SearchValues<byte> NotPlain = SearchValues.Create(MakeNotPlain());

    /// <summary>
    /// Reads the rest of an executed message's data object from its <c>output</c> value on, when it is all on the
    /// fast path's shape: the output object, then the data object's end, or a plain <c>"prompt_id"</c> and the end.
    /// </summary>
    /// <param name="json">The bytes the caller's reader reads.</param>
    /// <param name="at">Just after the closing quote of the (unescaped) "output" property name.</param>
    /// <param name="nodeId">The node id read so far, for the files.</param>
    /// <param name="files">The files are added here; on false it is as it was.</param>
    /// <param name="output">The output object's bytes (a copy).</param>
    /// <param name="promptId">The prompt id's bytes when the tail has one, else empty.</param>
    /// <returns>False when anything is off the shape: nothing was read, and the reader must read it.</returns>
    public static bool TryReadRest(ReadOnlySpan<byte> json, int at, string? nodeId, List<OutputFile> files, out byte[]? output, out Range promptId)
    {
        output = null;
        promptId = default;
        if (!At(json, at, ": "u8))
        {
            return false;
        }

        at += 2;
        var count = files.Count;
        var end = ReadOutput(json, at, nodeId, files);
        if (end < 0)
        {
            files.RemoveRange(count, files.Count - count);
            return false;
        }

        var tail = json[end..];
        if (tail.Length > 0 && tail[0] == (byte)'}')
        {
            output = json[at..end].ToArray();
            return true;
        }

        var idAt = end + ", \"prompt_id\": \"".Length;
        if (tail.StartsWith(", \"prompt_id\": \""u8) && Plain(json, idAt) is var idEnd && idEnd >= 0 && At(json, idEnd, "\"}"u8))
        {
            output = json[at..end].ToArray();
            promptId = idAt..idEnd;
            return true;
        }

        files.RemoveRange(count, files.Count - count);
        return false;
    }

    /// <summary>The output object at <paramref name="at"/>: the index just after it, or -1 when it is off the shape.</summary>
    private static int ReadOutput(ReadOnlySpan<byte> json, int at, string? nodeId, List<OutputFile> files)
    {
        if (!At(json, at, "{"u8)) { return -1; }
        var i = at + 1;
        if (At(json, i, "}"u8)) { return i + 1; }

        while (true)
        {
            // "kind": [
            if (!At(json, i, "\""u8)) { return -1; }
            var kindEnd = Plain(json, i + 1);
            if (kindEnd < 0 || !At(json, kindEnd, "\": ["u8)) { return -1; }

            var kind = OutputFilesReader.Known(json[(i + 1)..kindEnd]);
            i = kindEnd + 4;
            if (At(json, i, "]"u8))
            {
                i++;
            }
            else
            {
                i = ReadItems(json, i, nodeId, kind, files);
                if (i < 0) { return -1; }
            }

            if (At(json, i, "}"u8)) { return i + 1; }
            if (!At(json, i, ", "u8)) { return -1; }
            i += 2;
        }
    }

    /// <summary>A kind's non-empty array from its first item: the index after its ']', or -1.</summary>
    private static int ReadItems(ReadOnlySpan<byte> json, int i, string? nodeId, string kind, List<OutputFile> files)
    {
        while (true)
        {
            if (At(json, i, "{\"filename\": \""u8))
            {
                var nameAt = i + 14;
                var nameEnd = Plain(json, nameAt);
                if (nameEnd < 0 || !At(json, nameEnd, "\", \"subfolder\": \""u8)) { return -1; }
                var folderAt = nameEnd + 17;
                var folderEnd = Plain(json, folderAt);
                if (folderEnd < 0 || !At(json, folderEnd, "\", \"type\": \""u8)) { return -1; }
                var typeAt = folderEnd + 12;
                var typeEnd = Plain(json, typeAt);
                if (typeEnd < 0 || !At(json, typeEnd, "\"}"u8)) { return -1; }
                files.Add(new OutputFile(
                    nodeId ?? string.Empty,
                    kind,
                    new ComfyFile(
                        System.Text.Encoding.UTF8.GetString(json[nameAt..nameEnd]),
                        OutputFilesReader.Known(json[folderAt..folderEnd]),
                        OutputFilesReader.Known(json[typeAt..typeEnd]))));
                i = typeEnd + 2;
            }
            else if (At(json, i, "\""u8) && Plain(json, i + 1) is var textEnd && textEnd >= 0)
            {
                // A plain string item (a "text" output): not a file, as the reader skips it.
                i = textEnd + 1;
            }
            else
            {
                return -1;
            }

            if (At(json, i, "]"u8)) { return i + 1; }
            if (!At(json, i, ", "u8)) { return -1; }
            i += 2;
        }
    }

    /// <summary>From just after an opening quote: the index of the closing quote of a plain string, or -1.</summary>
    internal static int Plain(ReadOnlySpan<byte> json, int at)
    {
        if (at > json.Length) { return -1; }
        var n = json[at..].IndexOfAny(NotPlain);
        return n >= 0 && json[at + n] == (byte)'"' ? at + n : -1;
    }

    private static bool At(ReadOnlySpan<byte> json, int at, ReadOnlySpan<byte> text) =>
        at <= json.Length && json[at..].StartsWith(text);

    private static byte[] MakeNotPlain()
    {
        var bytes = new List<byte>();
        for (var b = 0; b < 256; b++)
        {
            if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') { bytes.Add((byte)b); }
        }

        return [.. bytes];
    }
}
