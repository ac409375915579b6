using System.Text.Json.Nodes;

namespace ComfyBot.FakeDiscord.Interactions;

/// <summary>One option of a slash command invocation, as the user filled it in.</summary>
public sealed record SlashCommandOption
{
    private SlashCommandOption(string name, int type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>Option name.</summary>
    public string Name { get; }

    /// <summary>Discord option type (3 STRING, 4 INTEGER, 5 BOOLEAN, 10 NUMBER, 11 ATTACHMENT, 1 SUB_COMMAND ...).</summary>
    public int Type { get; }

    /// <summary>The value as it goes on the wire (null for subcommands).</summary>
    internal JsonNode? Value { get; private init; }

    /// <summary>Nested options of a subcommand or group.</summary>
    public IReadOnlyList<SlashCommandOption> Options { get; private init; } = [];

    /// <summary>The uploaded file of an ATTACHMENT option.</summary>
    public SlashCommandAttachment? Attachment { get; private init; }

    /// <summary>The user of a USER option.</summary>
    public FakeUser? User { get; private init; }

    /// <summary>The guild roles of a USER option's member.</summary>
    public IReadOnlyList<ulong> MemberRoleIds { get; private init; } = [];

    /// <summary>Whether this is the option being typed (autocomplete).</summary>
    public bool Focused { get; init; }

    /// <summary>A STRING option.</summary>
    public static SlashCommandOption Text(string name, string value) => new(name, 3) { Value = value };

    /// <summary>An INTEGER option.</summary>
    public static SlashCommandOption WholeNumber(string name, long value) => new(name, 4) { Value = value };

    /// <summary>A BOOLEAN option.</summary>
    public static SlashCommandOption Boolean(string name, bool value) => new(name, 5) { Value = value };

    /// <summary>A NUMBER option.</summary>
    public static SlashCommandOption Number(string name, double value) => new(name, 10) { Value = value };

    /// <summary>An ATTACHMENT option: the file appears in <c>resolved.attachments</c> and is served by the fake.</summary>
    public static SlashCommandOption File(string name, string filename, string contentType, byte[] bytes) =>
        new(name, 11) { Attachment = new SlashCommandAttachment(filename, contentType, bytes) };

    /// <summary>
    /// A USER option: the user appears in <c>resolved.users</c> and, in a guild, as a partial member with
    /// <paramref name="roleIds"/> in <c>resolved.members</c> (no <c>user</c>, <c>deaf</c> or <c>mute</c>, as Discord sends it).
    /// </summary>
    public static SlashCommandOption Member(string name, FakeUser user, params ulong[] roleIds)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(roleIds);
        return new(name, 6) { Value = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), User = user, MemberRoleIds = roleIds };
    }

    /// <summary>A SUB_COMMAND with its options.</summary>
    public static SlashCommandOption SubCommand(string name, params SlashCommandOption[] options) => new(name, 1) { Options = options };

    /// <summary>A SUB_COMMAND_GROUP holding one subcommand.</summary>
    public static SlashCommandOption Group(string name, SlashCommandOption subCommand) => new(name, 2) { Options = [subCommand] };
}
