using System.Text.Json;
using static ComfyBot.Comfy.Events.JsonFields;

namespace ComfyBot.Comfy.Events;

/// <summary>
/// <c>executed</c> messages and the UI-output objects they (and history entries) carry:
/// <c>{kind: [{filename, subfolder, type}, ...], ...}</c>. A 64-image message has 64 files, so the per-file work is
/// kept small: field names are told apart by length, and the strings every file repeats are shared instances. In an
/// executed message, ComfyUI's exact output shape is matched byte by byte instead (<see cref="OutputFilesScan"/>); this
/// reader reads everything else, and everything for the eager reference and /history.
/// </summary>
internal sealed class OutputFilesReader(JsonFields fields)
{
    /// <param name="reader">On the data object's StartObject.</param>
    /// <param name="source">The bytes the reader reads (its token indexes are offsets into them).</param>
    /// <param name="eager">Make <see cref="ExecutedEvent.OutputJson"/> now, as the reference for the lazy path's tests.</param>
    public ExecutedEvent ReadExecuted(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, bool eager)
    {
        string? promptId = null, node = null, display = null;
        byte[]? output = null;
        var files = new List<OutputFile>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("node"u8)) { node = fields.ReadId(ref reader); }
            else if (reader.ValueTextEquals("prompt_id"u8)) { promptId = fields.ReadId(ref reader); }
            else if (reader.ValueTextEquals("display_node"u8)) { display = fields.ReadId(ref reader); }
            else if (reader.ValueTextEquals("output"u8))
            {
                // ComfyUI's own shape is matched byte by byte to the data object's end; anything else (or the eager
                // reference) is read by the reader from here, as before, with the same files and errors.
                if (!eager && !reader.ValueIsEscaped
                    && OutputFilesScan.TryReadRest(source, (int)reader.TokenStartIndex + "\"output\"".Length, node, files, out output, out var tailId))
                {
                    if (!tailId.Equals(default(Range)))
                    {
                        promptId = fields.Id(source[tailId]);
                    }

                    break;
                }

                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    // One pass: the files are read as the reader goes, and it ends on the object's EndObject. The bytes
                    // are copied, never sliced: the caller's frame buffer is reused for the next frame.
                    var start = (int)reader.TokenStartIndex;
                    ReadFiles(ref reader, node, files);
                    output = source[start..(int)reader.BytesConsumed].ToArray();
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        var nodeId = Required(node, "executed", "node");
        if (files.Count > 0 && files[0].NodeId.Length == 0)
        {
            // "output" came before "node": give the files their node now.
            files = files.ConvertAll(f => f with { NodeId = nodeId });
        }

        var id = Required(promptId, "executed", "prompt_id");
        return eager
            ? new ExecutedEvent(id, nodeId, display, files, output is null ? null : System.Text.Encoding.UTF8.GetString(output))
            : new ExecutedEvent(output, id, nodeId, display, files);
    }

    /// <summary>Reads the output object the reader is on (its StartObject) to its EndObject; entries without a filename are not files.</summary>
    public static void ReadFiles(ref Utf8JsonReader reader, string? nodeId, List<OutputFile> files)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var kind = KnownText(ref reader)!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                string? filename = null, subfolder = null, type = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    switch (FieldOf(ref reader))
                    {
                        case Field.Filename: filename = ReadText(ref reader); break;
                        case Field.Subfolder: reader.Read(); subfolder = KnownText(ref reader); break;
                        case Field.Type: reader.Read(); type = KnownText(ref reader); break;
                        default: SkipValue(ref reader); break;
                    }
                }

                if (filename is not null)
                {
                    files.Add(new OutputFile(nodeId ?? string.Empty, kind, new ComfyFile(filename, subfolder ?? string.Empty, type ?? "output")));
                }
            }
        }
    }

    /// <summary>Which field of a file entry the property is: by length, one comparison instead of up to three.</summary>
    private static Field FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return reader.ValueTextEquals("filename"u8) ? Field.Filename
                : reader.ValueTextEquals("subfolder"u8) ? Field.Subfolder
                : reader.ValueTextEquals("type"u8) ? Field.Type
                : Field.Other;
        }

        var name = reader.ValueSpan;
        return name.Length switch
        {
            8 when name.SequenceEqual("filename"u8) => Field.Filename,
            9 when name.SequenceEqual("subfolder"u8) => Field.Subfolder,
            4 when name.SequenceEqual("type"u8) => Field.Type,
            _ => Field.Other,
        };
    }

    /// <summary>
    /// The current string token (or property name), as one shared instance when it is a value every file repeats (an
    /// output kind, a folder type, the empty subfolder): a 64-image message would otherwise allocate 192 copies of them.
    /// Null for a JSON null.
    /// </summary>
    private static string? KnownText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            throw new ComfyProtocolException($"Expected a string or null, got {reader.TokenType}.");
        }

        return !reader.ValueIsEscaped && !reader.HasValueSequence && Shared(reader.ValueSpan) is { } shared ? shared : reader.GetString();
    }

    /// <summary>An unescaped string's text, as the shared instance <see cref="KnownText"/> gives for it.</summary>
    public static string Known(ReadOnlySpan<byte> utf8) => Shared(utf8) ?? System.Text.Encoding.UTF8.GetString(utf8);

    private static string? Shared(ReadOnlySpan<byte> value) => value.Length switch
    {
        0 => string.Empty,
        4 when value.SequenceEqual("temp"u8) => "temp",
        5 when value.SequenceEqual("input"u8) => "input",
        6 when value.SequenceEqual("output"u8) => "output",
        6 when value.SequenceEqual("images"u8) => "images",
        _ => null,
    };

    private enum Field
    {
        Other,
        Filename,
        Subfolder,
        Type,
    }
}
