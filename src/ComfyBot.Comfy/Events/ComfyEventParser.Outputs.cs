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
                    var start = (int)reader.TokenStartIndex;
                    var outputReader = reader;
                    reader.Skip();
                    outputJson = System.Text.Encoding.UTF8.GetString(source[start..(int)reader.BytesConsumed]);
                    ReadOutputFiles(ref outputReader, node, files);
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

    /// <summary>Reads <c>{kind: [{filename, subfolder, type}, ...], ...}</c>; entries without a filename are not files.</summary>
    internal static void ReadOutputFiles(ref Utf8JsonReader reader, string? nodeId, List<OutputFile> files)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var kind = reader.GetString()!;
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
                    else if (reader.ValueTextEquals("subfolder"u8)) { subfolder = ReadText(ref reader); }
                    else if (reader.ValueTextEquals("type"u8)) { type = ReadText(ref reader); }
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
