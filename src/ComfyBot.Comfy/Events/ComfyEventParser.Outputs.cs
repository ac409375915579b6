using System.Text.Json;

namespace ComfyBot.Comfy.Events;

/// <summary><c>executed</c> messages and the UI-output objects they (and history entries) carry.</summary>
public sealed partial class ComfyEventParser
{
    private ExecutedEvent ReadExecuted(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        string? promptId = null, node = null, display = null, outputJson = null;
        var files = new List<OutputFile>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("node"u8)) { node = ReadId(ref reader); }
            else if (reader.ValueTextEquals("prompt_id"u8)) { promptId = ReadId(ref reader); }
            else if (reader.ValueTextEquals("display_node"u8)) { display = ReadId(ref reader); }
            else if (reader.ValueTextEquals("output"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    // One pass: the files are read as the reader goes, and it ends on the object's EndObject.
                    var start = (int)reader.TokenStartIndex;
                    ReadOutputFiles(ref reader, node, files);
                    outputJson = System.Text.Encoding.UTF8.GetString(source[start..(int)reader.BytesConsumed]);
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

        return new ExecutedEvent(Required(promptId, "executed", "prompt_id"), nodeId, display, files, outputJson);
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

        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var value = reader.ValueSpan;
            if (value.IsEmpty) { return string.Empty; }
            if (value.SequenceEqual("output"u8)) { return "output"; }
            if (value.SequenceEqual("temp"u8)) { return "temp"; }
            if (value.SequenceEqual("input"u8)) { return "input"; }
            if (value.SequenceEqual("images"u8)) { return "images"; }
        }

        return reader.GetString();
    }

    /// <summary>Reads <c>{kind: [{filename, subfolder, type}, ...], ...}</c>; entries without a filename are not files.</summary>
    internal static void ReadOutputFiles(ref Utf8JsonReader reader, string? nodeId, List<OutputFile> files)
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
                    if (reader.ValueTextEquals("filename"u8)) { filename = ReadText(ref reader); }
                    else if (reader.ValueTextEquals("subfolder"u8)) { reader.Read(); subfolder = KnownText(ref reader); }
                    else if (reader.ValueTextEquals("type"u8)) { reader.Read(); type = KnownText(ref reader); }
                    else { SkipValue(ref reader); }
                }

                if (filename is not null)
                {
                    files.Add(new OutputFile(nodeId ?? string.Empty, kind, new ComfyFile(filename, subfolder ?? string.Empty, type ?? "output")));
                }
            }
        }
    }
}
