using System.Globalization;
using ComfyBot.Discord;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>The member an admin picked in a USER option: id, the name to show, and a mention (answers never ping).</summary>
internal sealed record MemberOption(ulong Id, string Name)
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
        var name = command.GetMember("member")?.Nickname ?? user?.GlobalName ?? user?.Username ?? string.Create(CultureInfo.InvariantCulture, $"member {id.Value}");
        return new MemberOption(id.Value, name);
    }
}
