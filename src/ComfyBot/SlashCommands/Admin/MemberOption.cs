using System.Globalization;
using ComfyBot.Discord;

namespace ComfyBot.SlashCommands.Admin;

/// <summary>The member an admin picked in a USER option: id, their roles when Discord sent them, and a mention (answers never ping; Discord shows it as the member's name).</summary>
internal sealed record MemberOption(ulong Id, IReadOnlyCollection<ulong> RoleIds)
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

        var member = command.GetMember("member");
        return new MemberOption(id.Value, [.. (member?.Roles ?? []).Select(r => r.Value)]);
    }
}
