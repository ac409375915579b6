using System.Text.Json;
using static ComfyBot.Discord.Interactions.InteractionFieldReader;
using static ComfyBot.Discord.Interactions.InteractionDataReader;
using static ComfyBot.Discord.Interactions.InteractionObjectReader;

namespace ComfyBot.Discord.Interactions;

/// <summary>
/// Reads interaction JSON straight into the public model with <see cref="Utf8JsonReader"/>: one pass, no
/// intermediate wire objects. Every interaction that reaches the bot goes through here, hence the hand-written
/// reader; fields may come in any order, so values that depend on a later field are resolved at the end.
/// This type reads the top level; <see cref="InteractionObjectReader"/> (users, members, channels, roles),
/// <see cref="InteractionDataReader"/> (data and command options), <see cref="InteractionResolvedReader"/>,
/// <see cref="ModalComponentReader"/> and <see cref="InteractionFieldReader"/> (single values and their
/// format errors) read the parts.
/// </summary>
internal static class InteractionReader
{
    public static Interaction Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            Next(ref reader);
            Expect(ref reader, JsonTokenType.StartObject, "$");
            return ReadInteraction(ref reader);
        }
        catch (JsonException ex)
        {
            throw new InteractionFormatException($"The interaction is not valid JSON (line {ex.LineNumber}, byte {ex.BytePositionInLine}): {ex.Message}", ex);
        }
    }

    private static Interaction ReadInteraction(ref Utf8JsonReader reader)
    {
        Snowflake? id = null, applicationId = null, guildId = null, channelId = null, messageId = null;
        int? type = null, version = null, context = null;
        string? token = null, locale = null, guildLocale = null;
        ulong? appPermissions = null;
        long? attachmentSizeLimit = null;
        InteractionChannel? channel = null;
        InteractionMember? member = null;
        DiscordUser? user = null;
        InteractionDataFields? data = null;

        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (Is(ref reader, "id"u8))
            {
                id = ReadSnowflake(ref reader, string.Empty, "id");
            }
            else if (Is(ref reader, "application_id"u8))
            {
                applicationId = ReadSnowflake(ref reader, string.Empty, "application_id");
            }
            else if (Is(ref reader, "type"u8))
            {
                type = ReadInt(ref reader, string.Empty, "type");
            }
            else if (Is(ref reader, "token"u8))
            {
                token = ReadString(ref reader, string.Empty, "token");
            }
            else if (Is(ref reader, "version"u8))
            {
                version = ReadInt(ref reader, string.Empty, "version");
            }
            else if (Is(ref reader, "guild_id"u8))
            {
                guildId = ReadSnowflake(ref reader, string.Empty, "guild_id");
            }
            else if (Is(ref reader, "channel_id"u8))
            {
                channelId = ReadSnowflake(ref reader, string.Empty, "channel_id");
            }
            else if (Is(ref reader, "channel"u8))
            {
                channel = ReadObject(ref reader, "channel", ReadChannel);
            }
            else if (Is(ref reader, "member"u8))
            {
                member = ReadObject(ref reader, "member", ReadMember);
            }
            else if (Is(ref reader, "user"u8))
            {
                user = ReadObject(ref reader, "user", ReadUser);
            }
            else if (Is(ref reader, "locale"u8))
            {
                locale = ReadString(ref reader, string.Empty, "locale");
            }
            else if (Is(ref reader, "guild_locale"u8))
            {
                guildLocale = ReadString(ref reader, string.Empty, "guild_locale");
            }
            else if (Is(ref reader, "app_permissions"u8))
            {
                appPermissions = ReadPermissions(ref reader, string.Empty, "app_permissions");
            }
            else if (Is(ref reader, "attachment_size_limit"u8))
            {
                attachmentSizeLimit = ReadLong(ref reader, string.Empty, "attachment_size_limit");
            }
            else if (Is(ref reader, "context"u8))
            {
                context = ReadInt(ref reader, string.Empty, "context");
            }
            else if (Is(ref reader, "message"u8))
            {
                messageId = ReadMessageId(ref reader);
            }
            else if (Is(ref reader, "data"u8))
            {
                data = ReadObject(ref reader, "data", ReadData);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        var interactionId = id ?? throw Missing("id");
        if (type is not (>= 1 and <= 5))
        {
            throw type is null
                ? Missing("type")
                : new InteractionFormatException($"Interaction {interactionId} has type {type}; expected 1 (PING) to 5 (MODAL_SUBMIT).");
        }

        var kind = (InteractionType)type.Value;
        if (data is null && kind != InteractionType.Ping)
        {
            throw new InteractionFormatException($"Interaction {interactionId} of type {kind} has no 'data'; only PING comes without it.");
        }

        return new Interaction
        {
            Id = interactionId,
            ApplicationId = applicationId ?? throw Missing("application_id"),
            Type = kind,
            Token = token ?? throw Missing("token"),
            Version = version ?? 1,
            GuildId = guildId,
            ChannelId = channelId ?? channel?.Id,
            Channel = channel,
            Member = member,
            User = user,
            Locale = locale,
            GuildLocale = guildLocale,
            AppPermissions = appPermissions,
            AttachmentSizeLimit = attachmentSizeLimit,
            Context = context,
            MessageId = messageId,
            Command = kind is InteractionType.ApplicationCommand or InteractionType.ApplicationCommandAutocomplete ? data!.ToCommand() : null,
            Component = kind == InteractionType.MessageComponent ? data!.ToComponent() : null,
            Modal = kind == InteractionType.ModalSubmit ? data!.ToModal() : null,
        };
    }

    private static Snowflake? ReadMessageId(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject, "message");
        Snowflake? id = null;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return id;
            }

            if (Is(ref reader, "id"u8))
            {
                id = ReadSnowflake(ref reader, string.Empty, "message.id");
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }
}
