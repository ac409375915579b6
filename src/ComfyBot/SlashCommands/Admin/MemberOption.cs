using System.Globalization;
using ComfyBot.Discord;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>The member an admin picked in a USER option: id, the name to show, their roles when Discord sent them, and a mention (answers never ping).</summary>
internal sealed record MemberOption(ulong Id, string Name, IReadOnlyCollection<ulong> RoleIds)
{
    public string Mention => string.Create(CultureInfo.InvariantCulture, $"<@{Id}>");

    /// <summary>Reads the required <c>member</c> option; null when Discord sent none (an outdated command).</summary>
    public static MemberOption? Read(Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var command = invocation.Interaction.Command!;
        if (command.GetParameter("member") is not { Type: ApplicationCommandOptionType.User, Id: { } id })
        {
            return null;
        }

        var user = command.GetUser("member");
        var member = command.GetMember("member");
        var name = member?.Nickname ?? user?.GlobalName ?? user?.Username ?? string.Create(CultureInfo.InvariantCulture, $"member {id.Value}");
        return new MemberOption(id.Value, name, [.. (member?.Roles ?? []).Select(r => r.Value)]);
    }
}
