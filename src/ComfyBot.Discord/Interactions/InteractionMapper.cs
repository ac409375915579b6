using System.Globalization;
using ComfyBot.Discord.Interactions.Wire;

namespace ComfyBot.Discord.Interactions;

/// <summary>Maps the wire models onto the public interaction model, checking what every interaction must have.</summary>
internal static class InteractionMapper
{
    public static Interaction ToInteraction(JsonInteraction wire)
    {
        var id = wire.Id ?? throw Missing("id");
        if (wire.Type is < 1 or > 5)
        {
            throw new InteractionFormatException($"Interaction {id} has type {wire.Type}; expected 1 (PING) to 5 (MODAL_SUBMIT).");
        }

        var type = (InteractionType)wire.Type;
        var data = wire.Data;
        if (data is null && type != InteractionType.Ping)
        {
            throw new InteractionFormatException($"Interaction {id} of type {type} has no 'data'; only PING comes without it.");
        }

        return new Interaction
        {
            Id = id,
            ApplicationId = wire.ApplicationId ?? throw Missing("application_id"),
            Type = type,
            Token = wire.Token ?? throw Missing("token"),
            Version = wire.Version,
            GuildId = wire.GuildId,
            ChannelId = wire.ChannelId ?? wire.Channel?.Id,
            Channel = wire.Channel is null ? null : ToChannel(wire.Channel, "channel"),
            Member = wire.Member is null ? null : ToMember(wire.Member, "member"),
            User = wire.User is null ? null : ToUser(wire.User, "user"),
            Locale = wire.Locale,
            GuildLocale = wire.GuildLocale,
            AppPermissions = ParsePermissions(wire.AppPermissions, "app_permissions"),
            AttachmentSizeLimit = wire.AttachmentSizeLimit,
            Context = wire.Context,
            MessageId = wire.Message?.Id,
            Command = type is InteractionType.ApplicationCommand or InteractionType.ApplicationCommandAutocomplete ? ToCommand(data!) : null,
            Component = type == InteractionType.MessageComponent ? ToComponent(data!) : null,
            Modal = type == InteractionType.ModalSubmit ? ToModal(data!) : null,
        };
    }

    private static ApplicationCommandData ToCommand(JsonInteractionData data) => new()
    {
        Id = data.Id ?? throw Missing("data.id"),
        Name = data.Name ?? throw Missing("data.name"),
        Type = (ApplicationCommandType)(data.Type ?? 1),
        GuildId = data.GuildId,
        TargetId = data.TargetId,
        Options = ToOptions(data.Options, "data.options"),
        Resolved = ToResolved(data.Resolved),
    };

    private static ComponentInteractionData ToComponent(JsonInteractionData data) => new()
    {
        CustomId = data.CustomId ?? throw Missing("data.custom_id"),
        ComponentType = data.ComponentType ?? 0,
        Values = data.Values ?? (IReadOnlyList<string>)[],
        Resolved = ToResolved(data.Resolved),
    };

    private static ModalSubmitData ToModal(JsonInteractionData data) => new()
    {
        CustomId = data.CustomId ?? throw Missing("data.custom_id"),
        Components = ToModalComponents(data.Components),
        Resolved = ToResolved(data.Resolved),
    };

    private static InteractionOption[] ToOptions(List<JsonOption>? options, string path)
    {
        if (options is null || options.Count == 0)
        {
            return [];
        }

        var result = new InteractionOption[options.Count];
        for (var i = 0; i < options.Count; i++)
        {
            result[i] = ToOption(options[i], $"{path}[{i}]");
        }

        return result;
    }

    private static InteractionOption ToOption(JsonOption option, string path)
    {
        var type = (ApplicationCommandOptionType)option.Type;
        var value = option.Value;
        Snowflake? id = null;
        if (value?.Text is { } text && type is ApplicationCommandOptionType.User or ApplicationCommandOptionType.Channel
                or ApplicationCommandOptionType.Role or ApplicationCommandOptionType.Mentionable or ApplicationCommandOptionType.Attachment)
        {
            id = Snowflake.TryParse(text, out var parsed)
                ? parsed
                : throw new InteractionFormatException($"{path}.value of option '{option.Name}' ({type}) is '{text}'; expected a snowflake (a string of digits).");
        }

        return new InteractionOption
        {
            Name = option.Name ?? throw Missing($"{path}.name"),
            Type = type,
            Focused = option.Focused ?? false,
            Options = ToOptions(option.Options, $"{path}.options"),
            Text = value?.Text ?? (value?.Integer is { } whole ? whole.ToString(CultureInfo.InvariantCulture)
                : value?.Number is { } number ? number.ToString("R", CultureInfo.InvariantCulture) : null),
            IntegerValue = value?.Integer,
            NumberValue = value?.Number,
            BooleanValue = value?.Boolean,
            Id = id,
        };
    }

    private static ModalComponent[] ToModalComponents(List<JsonModalComponent>? components)
    {
        if (components is null || components.Count == 0)
        {
            return [];
        }

        var result = new ModalComponent[components.Count];
        for (var i = 0; i < components.Count; i++)
        {
            result[i] = ToModalComponent(components[i]);
        }

        return result;
    }

    private static ModalComponent ToModalComponent(JsonModalComponent component) => new()
    {
        Type = component.Type,
        CustomId = component.CustomId,
        Value = component.Value,
        Values = component.Values ?? (IReadOnlyList<string>)[],
        Children = component.Component is { } child ? [ToModalComponent(child)] : ToModalComponents(component.Components),
    };

    private static InteractionResolved ToResolved(JsonResolved? resolved)
    {
        if (resolved is null)
        {
            return InteractionResolved.Empty;
        }

        return new InteractionResolved
        {
            Users = ToMap(resolved.Users, "data.resolved.users", ToUser),
            Members = ToMap(resolved.Members, "data.resolved.members", ToMember),
            Roles = ToMap(resolved.Roles, "data.resolved.roles", ToRole),
            Channels = ToMap(resolved.Channels, "data.resolved.channels", ToChannel),
            Attachments = ToMap(resolved.Attachments, "data.resolved.attachments", ToAttachment),
        };
    }

    private static Dictionary<Snowflake, TOut> ToMap<TIn, TOut>(Dictionary<string, TIn>? map, string path, Func<TIn, string, TOut> convert)
    {
        var result = new Dictionary<Snowflake, TOut>(map?.Count ?? 0);
        if (map is null)
        {
            return result;
        }

        foreach (var (key, value) in map)
        {
            var id = Snowflake.TryParse(key, out var parsed)
                ? parsed
                : throw new InteractionFormatException($"{path} has key '{key}'; expected a snowflake.");
            result[id] = convert(value, $"{path}.{key}");
        }

        return result;
    }

    private static DiscordUser ToUser(JsonUser user, string path) => new()
    {
        Id = user.Id ?? throw Missing($"{path}.id"),
        Username = user.Username ?? throw Missing($"{path}.username"),
        GlobalName = user.GlobalName,
        Discriminator = user.Discriminator,
        Avatar = user.Avatar,
        IsBot = user.Bot ?? false,
    };

    private static InteractionMember ToMember(JsonMember member, string path) => new()
    {
        User = member.User is null ? null : ToUser(member.User, $"{path}.user"),
        Nickname = member.Nick,
        Roles = member.Roles ?? (IReadOnlyList<Snowflake>)[],
        Permissions = ParsePermissions(member.Permissions, $"{path}.permissions"),
        JoinedAt = member.JoinedAt,
        Avatar = member.Avatar,
    };

    private static InteractionChannel ToChannel(JsonChannel channel, string path) => new()
    {
        Id = channel.Id ?? throw Missing($"{path}.id"),
        Type = channel.Type,
        Name = channel.Name,
        Permissions = ParsePermissions(channel.Permissions, $"{path}.permissions"),
        ParentId = channel.ParentId,
        GuildId = channel.GuildId,
    };

    private static InteractionRole ToRole(JsonRole role, string path) => new()
    {
        Id = role.Id ?? throw Missing($"{path}.id"),
        Name = role.Name ?? throw Missing($"{path}.name"),
        Permissions = ParsePermissions(role.Permissions, $"{path}.permissions") ?? 0,
        Color = role.Color,
        Position = role.Position,
    };

    private static InteractionAttachment ToAttachment(JsonAttachment attachment, string path) => new()
    {
        Id = attachment.Id ?? throw Missing($"{path}.id"),
        Filename = attachment.Filename ?? throw Missing($"{path}.filename"),
        Size = attachment.Size,
        Url = attachment.Url ?? throw Missing($"{path}.url"),
        ProxyUrl = attachment.ProxyUrl,
        ContentType = attachment.ContentType,
        Width = attachment.Width,
        Height = attachment.Height,
        Description = attachment.Description,
        Ephemeral = attachment.Ephemeral ?? false,
    };

    // Permission bitfields are decimal strings because they outgrow a JSON number's 53 bits.
    private static ulong? ParsePermissions(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            ? bits
            : throw new InteractionFormatException($"{path} is '{text}'; expected a permission bitfield as a string of digits.");
    }

    private static InteractionFormatException Missing(string field) =>
        new($"The interaction has no '{field}', which Discord always sends; is this really an interaction payload?");
}
