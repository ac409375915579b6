using System.Globalization;
using System.Text.Json;
using static ComfyBot.Discord.Interactions.InteractionFieldReader;
using static ComfyBot.Discord.Interactions.InteractionResolvedReader;
using static ComfyBot.Discord.Interactions.ModalComponentReader;

namespace ComfyBot.Discord.Interactions;

/// <summary>The <c>data</c> object: command options, component values and modal components.</summary>
internal static class InteractionDataReader
{
    internal static InteractionDataFields ReadData(ref Utf8JsonReader reader, string field)
    {
        var data = new InteractionDataFields();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return data;
            }

            if (Is(ref reader, "id"u8))
            {
                data.Id = ReadSnowflake(ref reader, field, "id");
            }
            else if (Is(ref reader, "name"u8))
            {
                data.Name = ReadString(ref reader, field, "name");
            }
            else if (Is(ref reader, "type"u8))
            {
                data.Type = ReadInt(ref reader, field, "type");
            }
            else if (Is(ref reader, "guild_id"u8))
            {
                data.GuildId = ReadSnowflake(ref reader, field, "guild_id");
            }
            else if (Is(ref reader, "target_id"u8))
            {
                data.TargetId = ReadSnowflake(ref reader, field, "target_id");
            }
            else if (Is(ref reader, "options"u8))
            {
                data.Options = ReadOptions(ref reader, "data.options");
            }
            else if (Is(ref reader, "resolved"u8))
            {
                data.Resolved = ReadObject(ref reader, "data.resolved", ReadResolved);
            }
            else if (Is(ref reader, "custom_id"u8))
            {
                data.CustomId = ReadString(ref reader, field, "custom_id");
            }
            else if (Is(ref reader, "component_type"u8))
            {
                data.ComponentType = ReadInt(ref reader, field, "component_type");
            }
            else if (Is(ref reader, "values"u8))
            {
                data.Values = ReadStrings(ref reader, field, "values");
            }
            else if (Is(ref reader, "components"u8))
            {
                data.Components = ReadModalComponents(ref reader, "data.components");
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static InteractionOption[] ReadOptions(ref Utf8JsonReader reader, string path)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        Expect(ref reader, JsonTokenType.StartArray, path);
        var options = new List<InteractionOption>(8);
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return [.. options];
            }

            Expect(ref reader, JsonTokenType.StartObject, path);
            try
            {
                options.Add(ReadOption(ref reader, path, options.Count));
            }
            catch (InteractionFormatException ex) when (!ex.Message.Contains(path + "[", StringComparison.Ordinal))
            {
                // Field reads name only the array, to keep the happy path free of string building; add the index here.
                throw new InteractionFormatException($"In {path}[{options.Count}]: {ex.Message}", ex);
            }
        }
    }

    private static InteractionOption ReadOption(ref Utf8JsonReader reader, string path, int index)
    {
        string? name = null, text = null;
        int? type = null;
        double? number = null;
        long? integer = null;
        bool? boolean = null, focused = null;
        InteractionOption[] options = [];
        string? element = null;

        // The element's path is needed only for error messages, so it is built only then.
        string Here() => element ??= Element(path, index);
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (Is(ref reader, "name"u8))
            {
                name = ReadString(ref reader, path, "name");
            }
            else if (Is(ref reader, "type"u8))
            {
                type = ReadInt(ref reader, path, "type");
            }
            else if (Is(ref reader, "focused"u8))
            {
                focused = ReadBool(ref reader, path, "focused");
            }
            else if (Is(ref reader, "options"u8))
            {
                options = ReadOptions(ref reader, Here() + ".options");
            }
            else if (Is(ref reader, "value"u8))
            {
                // The option's type may come after its value, so keep every form the token allows.
                Next(ref reader);
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        text = reader.GetString();
                        break;
                    case JsonTokenType.Number:
                        number = reader.GetDouble();
                        integer = reader.TryGetInt64(out var whole) ? whole : null;
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        boolean = reader.GetBoolean();
                        break;
                    default:
                        throw new InteractionFormatException($"'{Here()}.value' is {Describe(reader.TokenType)}; an option value is a string, number or boolean.");
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        var optionType = (ApplicationCommandOptionType)(type ?? throw Missing(Here() + ".type"));
        Snowflake? id = null;
        if (text is not null && optionType is ApplicationCommandOptionType.User or ApplicationCommandOptionType.Channel
                or ApplicationCommandOptionType.Role or ApplicationCommandOptionType.Mentionable or ApplicationCommandOptionType.Attachment)
        {
            id = Snowflake.TryParse(text, out var parsed)
                ? parsed
                : throw new InteractionFormatException($"'{Here()}.value' of option '{name}' ({optionType}) is '{Truncate(text)}'; expected a snowflake (a string of digits).");
        }

        return new InteractionOption
        {
            Name = name ?? throw Missing(Here() + ".name"),
            Type = optionType,
            Focused = focused ?? false,
            Options = options,
            Text = text ?? (integer is { } w ? w.ToString(CultureInfo.InvariantCulture)
                : number is { } n ? n.ToString("R", CultureInfo.InvariantCulture) : null),
            IntegerValue = integer,
            NumberValue = number,
            BooleanValue = boolean,
            Id = id,
        };
    }

    private static string Element(string path, int index) => $"{path}[{index}]";
}
