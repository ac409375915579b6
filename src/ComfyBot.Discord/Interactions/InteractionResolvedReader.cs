using System.Buffers.Text;
using System.Text.Json;
using static ComfyBot.Discord.Interactions.InteractionFieldReader;
using static ComfyBot.Discord.Interactions.InteractionObjectReader;

namespace ComfyBot.Discord.Interactions;

/// <summary>Attachments and the <c>resolved</c> maps that options and selects point into.</summary>
internal static class InteractionResolvedReader
{
    private static InteractionAttachment ReadAttachment(ref Utf8JsonReader reader, string field)
    {
        Snowflake? id = null;
        string? filename = null, url = null, proxyUrl = null, contentType = null, description = null;
        long? size = null;
        int? width = null, height = null;
        bool? ephemeral = null;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (Is(ref reader, "id"u8))
            {
                id = ReadSnowflake(ref reader, field, "id");
            }
            else if (Is(ref reader, "filename"u8))
            {
                filename = ReadString(ref reader, field, "filename");
            }
            else if (Is(ref reader, "size"u8))
            {
                size = ReadLong(ref reader, field, "size");
            }
            else if (Is(ref reader, "url"u8))
            {
                url = ReadString(ref reader, field, "url");
            }
            else if (Is(ref reader, "proxy_url"u8))
            {
                proxyUrl = ReadString(ref reader, field, "proxy_url");
            }
            else if (Is(ref reader, "content_type"u8))
            {
                contentType = ReadString(ref reader, field, "content_type");
            }
            else if (Is(ref reader, "width"u8))
            {
                width = ReadInt(ref reader, field, "width");
            }
            else if (Is(ref reader, "height"u8))
            {
                height = ReadInt(ref reader, field, "height");
            }
            else if (Is(ref reader, "description"u8))
            {
                description = ReadString(ref reader, field, "description");
            }
            else if (Is(ref reader, "ephemeral"u8))
            {
                ephemeral = ReadBool(ref reader, field, "ephemeral");
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new InteractionAttachment
        {
            Id = id ?? throw Missing(field + ".id"),
            Filename = filename ?? throw Missing(field + ".filename"),
            Size = size ?? 0,
            Url = url ?? throw Missing(field + ".url"),
            ProxyUrl = proxyUrl,
            ContentType = contentType,
            Width = width,
            Height = height,
            Description = description,
            Ephemeral = ephemeral ?? false,
        };
    }

    internal static InteractionResolved ReadResolved(ref Utf8JsonReader reader, string field)
    {
        Dictionary<Snowflake, DiscordUser>? users = null;
        Dictionary<Snowflake, InteractionMember>? members = null;
        Dictionary<Snowflake, InteractionRole>? roles = null;
        Dictionary<Snowflake, InteractionChannel>? channels = null;
        Dictionary<Snowflake, InteractionAttachment>? attachments = null;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (Is(ref reader, "users"u8))
            {
                users = ReadMap(ref reader, "data.resolved.users", ReadUser);
            }
            else if (Is(ref reader, "members"u8))
            {
                members = ReadMap(ref reader, "data.resolved.members", ReadMember);
            }
            else if (Is(ref reader, "roles"u8))
            {
                roles = ReadMap(ref reader, "data.resolved.roles", ReadRole);
            }
            else if (Is(ref reader, "channels"u8))
            {
                channels = ReadMap(ref reader, "data.resolved.channels", ReadChannel);
            }
            else if (Is(ref reader, "attachments"u8))
            {
                attachments = ReadMap(ref reader, "data.resolved.attachments", ReadAttachment);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        var empty = InteractionResolved.Empty;
        return new InteractionResolved
        {
            Users = users ?? empty.Users,
            Members = members ?? empty.Members,
            Roles = roles ?? empty.Roles,
            Channels = channels ?? empty.Channels,
            Attachments = attachments ?? empty.Attachments,
        };
    }

    private static Dictionary<Snowflake, T> ReadMap<T>(ref Utf8JsonReader reader, string field, ObjectReader<T> read)
    {
        var map = new Dictionary<Snowflake, T>();
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return map;
        }

        Expect(ref reader, JsonTokenType.StartObject, field);
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return map;
            }

            if (reader.ValueIsEscaped || !Utf8Parser.TryParse(reader.ValueSpan, out ulong key, out var consumed) || consumed != reader.ValueSpan.Length)
            {
                throw new InteractionFormatException($"'{field}' has key '{Truncate(reader.GetString())}'; expected a snowflake.");
            }

            Next(ref reader);
            Expect(ref reader, JsonTokenType.StartObject, field);
            map[new Snowflake(key)] = read(ref reader, field);
        }
    }
}
