using System.Text.Json;
using static ComfyBot.Comfy.Events.JsonFields;

namespace ComfyBot.Comfy.Events;

/// <summary>
/// The messages about the server rather than a prompt: <c>status</c>, <c>feature_flags</c> and <c>logs</c>. Each
/// reader starts on the data object's StartObject and ends on its EndObject; none keeps state.
/// </summary>
internal static class ServerMessageReader
{
    public static StatusEvent ReadStatus(ref Utf8JsonReader reader)
    {
        var remaining = 0;
        string? sid = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("sid"u8))
            {
                sid = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("exec_info"u8))
                    {
                        reader.Read();
                        Expect(ref reader, JsonTokenType.StartObject, "status.status.exec_info");
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("queue_remaining"u8)) { remaining = ReadInt(ref reader); }
                            else { SkipValue(ref reader); }
                        }
                    }
                    else
                    {
                        SkipValue(ref reader);
                    }
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new StatusEvent(remaining, sid);
    }

    public static FeatureFlagsEvent ReadFeatureFlags(ref Utf8JsonReader reader)
    {
        var previews = false;
        long? maxUpload = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("supports_preview_metadata"u8))
            {
                reader.Read();
                previews = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("max_upload_size"u8))
            {
                maxUpload = ReadLong(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new FeatureFlagsEvent(previews, maxUpload);
    }

    public static LogsEvent ReadLogs(ref Utf8JsonReader reader)
    {
        var entries = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("entries"u8))
            {
                SkipValue(ref reader);
                continue;
            }

            reader.Read();
            Expect(ref reader, JsonTokenType.StartArray, "logs.entries");
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                string? t = null, m = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("t"u8)) { t = ReadText(ref reader); }
                    else if (reader.ValueTextEquals("m"u8)) { m = ReadText(ref reader); }
                    else { SkipValue(ref reader); }
                }

                entries.Add(new(t ?? string.Empty, m ?? string.Empty));
            }
        }

        return new LogsEvent(entries);
    }
}
