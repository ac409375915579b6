namespace ComfyBot.Discord.Interactions;

/// <summary>Typed reads of a command's parameters by name: null when the user left the option out.</summary>
public sealed partial record ApplicationCommandData
{
    /// <summary>The parameter called <paramref name="name"/>, or null if absent.</summary>
    public InteractionOption? GetParameter(string name)
    {
        foreach (var option in Parameters)
        {
            if (string.Equals(option.Name, name, StringComparison.Ordinal))
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>A STRING parameter; during autocomplete, also the partial text of any focused parameter.</summary>
    public string? GetString(string name)
    {
        var option = GetParameter(name);
        if (option is null)
        {
            return null;
        }

        if (option.Type == ApplicationCommandOptionType.String || option.Focused)
        {
            return option.Text;
        }

        throw Mismatch(option, ApplicationCommandOptionType.String);
    }

    /// <summary>An INTEGER parameter.</summary>
    public long? GetInteger(string name) => Read(name, ApplicationCommandOptionType.Integer)?.IntegerValue;

    /// <summary>A NUMBER parameter (an INTEGER parameter is accepted too).</summary>
    public double? GetNumber(string name)
    {
        var option = GetParameter(name);
        if (option is null)
        {
            return null;
        }

        return option.Type is ApplicationCommandOptionType.Number or ApplicationCommandOptionType.Integer
            ? option.NumberValue
            : throw Mismatch(option, ApplicationCommandOptionType.Number);
    }

    /// <summary>A BOOLEAN parameter.</summary>
    public bool? GetBoolean(string name) => Read(name, ApplicationCommandOptionType.Boolean)?.BooleanValue;

    /// <summary>A USER parameter, looked up in <see cref="Resolved"/>.</summary>
    public DiscordUser? GetUser(string name) =>
        Read(name, ApplicationCommandOptionType.User) is { Id: { } id } ? Resolved.Users.GetValueOrDefault(id) : null;

    /// <summary>The guild member behind a USER parameter (partial: no user), when used in a guild.</summary>
    public InteractionMember? GetMember(string name) =>
        Read(name, ApplicationCommandOptionType.User) is { Id: { } id } ? Resolved.Members.GetValueOrDefault(id) : null;

    /// <summary>A CHANNEL parameter, looked up in <see cref="Resolved"/>.</summary>
    public InteractionChannel? GetChannel(string name) =>
        Read(name, ApplicationCommandOptionType.Channel) is { Id: { } id } ? Resolved.Channels.GetValueOrDefault(id) : null;

    /// <summary>A ROLE parameter, looked up in <see cref="Resolved"/>.</summary>
    public InteractionRole? GetRole(string name) =>
        Read(name, ApplicationCommandOptionType.Role) is { Id: { } id } ? Resolved.Roles.GetValueOrDefault(id) : null;

    /// <summary>A MENTIONABLE parameter's id: a user or role; look it up in <see cref="Resolved"/>.</summary>
    public Snowflake? GetMentionable(string name) => Read(name, ApplicationCommandOptionType.Mentionable)?.Id;

    /// <summary>An ATTACHMENT parameter, looked up in <see cref="Resolved"/>.</summary>
    public InteractionAttachment? GetAttachment(string name) =>
        Read(name, ApplicationCommandOptionType.Attachment) is { Id: { } id } ? Resolved.Attachments.GetValueOrDefault(id) : null;

    private InteractionOption? Read(string name, ApplicationCommandOptionType expected)
    {
        var option = GetParameter(name);
        return option is null || option.Type == expected ? option : throw Mismatch(option, expected);
    }

    private InteractionOptionException Mismatch(InteractionOption option, ApplicationCommandOptionType expected) =>
        new($"Option '{option.Name}' of command '{Name}' is {option.Type}, not {expected}; read it with the getter for {option.Type} or fix the command definition.");
}
