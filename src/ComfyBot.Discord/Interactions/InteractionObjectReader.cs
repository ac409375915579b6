using System.Text.Json;
using static ComfyBot.Discord.Interactions.InteractionFieldReader;

namespace ComfyBot.Discord.Interactions;

/// <summary>The Discord objects an interaction carries: users, guild members, channels and roles.</summary>
internal static class InteractionObjectReader
{
    internal static DiscordUser ReadUser(ref Utf8JsonReader reader, string field)
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

    internal static InteractionMember ReadMember(ref Utf8JsonReader reader, string field)
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

    internal static InteractionChannel ReadChannel(ref Utf8JsonReader reader, string field)
    {
        Snowflake? id = null, parentId = null, guildId = null;
        int? type = null;
        string? name = null;
        ulong? permissions = null;
        bool? nsfw = null;
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
            else if (Is(ref reader, "nsfw"u8))
            {
                nsfw = ReadBool(ref reader, field, "nsfw");
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
            Nsfw = nsfw,
        };
    }

    internal static InteractionRole ReadRole(ref Utf8JsonReader reader, string field)
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
}
