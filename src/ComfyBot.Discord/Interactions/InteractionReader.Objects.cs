using System.Buffers.Text;
using System.Text.Json;

namespace ComfyBot.Discord.Interactions;

/// <summary>Users, members, channels, roles, attachments and the <c>resolved</c> maps.</summary>
internal static partial class InteractionReader
{
    private static DiscordUser ReadUser(ref Utf8JsonReader reader, string field)
    {
        Snowflake? id = null;
        string? username = null, globalName = null, discriminator = null, avatar = null;
        bool? bot = null;
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
            else if (Is(ref reader, "username"u8))
            {
                username = ReadString(ref reader, field, "username");
            }
            else if (Is(ref reader, "global_name"u8))
            {
                globalName = ReadString(ref reader, field, "global_name");
            }
            else if (Is(ref reader, "discriminator"u8))
            {
                discriminator = ReadString(ref reader, field, "discriminator");
            }
            else if (Is(ref reader, "avatar"u8))
            {
                avatar = ReadString(ref reader, field, "avatar");
            }
            else if (Is(ref reader, "bot"u8))
            {
                bot = ReadBool(ref reader, field, "bot");
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new DiscordUser
        {
            Id = id ?? throw Missing(field + ".id"),
            Username = username ?? throw Missing(field + ".username"),
            GlobalName = globalName,
            Discriminator = discriminator,
            Avatar = avatar,
            IsBot = bot ?? false,
        };
    }

    private static InteractionMember ReadMember(ref Utf8JsonReader reader, string field)
    {
        DiscordUser? user = null;
        string? nickname = null, avatar = null;
        Snowflake[] roles = [];
        ulong? permissions = null;
        DateTimeOffset? joinedAt = null;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (Is(ref reader, "user"u8))
            {
                user = ReadObject(ref reader, field + ".user", ReadUser);
            }
            else if (Is(ref reader, "nick"u8))
            {
                nickname = ReadString(ref reader, field, "nick");
            }
            else if (Is(ref reader, "roles"u8))
            {
                roles = ReadSnowflakes(ref reader, field, "roles");
            }
            else if (Is(ref reader, "permissions"u8))
            {
                permissions = ReadPermissions(ref reader, field, "permissions");
            }
            else if (Is(ref reader, "joined_at"u8))
            {
                joinedAt = ReadTimestamp(ref reader, field, "joined_at");
            }
            else if (Is(ref reader, "avatar"u8))
            {
                avatar = ReadString(ref reader, field, "avatar");
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new InteractionMember
        {
            User = user,
            Nickname = nickname,
            Roles = roles,
            Permissions = permissions,
            JoinedAt = joinedAt,
            Avatar = avatar,
        };
    }

    private static InteractionChannel ReadChannel(ref Utf8JsonReader reader, string field)
    {
        Snowflake? id = null, parentId = null, guildId = null;
        int? type = null;
        string? name = null;
        ulong? permissions = null;
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
            else if (Is(ref reader, "type"u8))
            {
                type = ReadInt(ref reader, field, "type");
            }
            else if (Is(ref reader, "name"u8))
            {
                name = ReadString(ref reader, field, "name");
            }
            else if (Is(ref reader, "permissions"u8))
            {
                permissions = ReadPermissions(ref reader, field, "permissions");
            }
            else if (Is(ref reader, "parent_id"u8))
            {
                parentId = ReadSnowflake(ref reader, field, "parent_id");
            }
            else if (Is(ref reader, "guild_id"u8))
            {
                guildId = ReadSnowflake(ref reader, field, "guild_id");
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new InteractionChannel
        {
            Id = id ?? throw Missing(field + ".id"),
            Type = type ?? 0,
            Name = name,
            Permissions = permissions,
            ParentId = parentId,
            GuildId = guildId,
        };
    }

    private static InteractionRole ReadRole(ref Utf8JsonReader reader, string field)
    {
        Snowflake? id = null;
        string? name = null;
        ulong? permissions = null;
        int? color = null, position = null;
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
            else if (Is(ref reader, "name"u8))
            {
                name = ReadString(ref reader, field, "name");
            }
            else if (Is(ref reader, "permissions"u8))
            {
                permissions = ReadPermissions(ref reader, field, "permissions");
            }
            else if (Is(ref reader, "color"u8))
            {
                color = ReadInt(ref reader, field, "color");
            }
            else if (Is(ref reader, "position"u8))
            {
                position = ReadInt(ref reader, field, "position");
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new InteractionRole
        {
            Id = id ?? throw Missing(field + ".id"),
            Name = name ?? throw Missing(field + ".name"),
            Permissions = permissions ?? 0,
            Color = color ?? 0,
            Position = position ?? 0,
        };
    }

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

    private static InteractionResolved ReadResolved(ref Utf8JsonReader reader, string field)
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
