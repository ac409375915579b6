using System.Globalization;
using ComfyBot.SlashCommands;

namespace ComfyBot.Buttons;

/// <summary>
/// The link to the message a button was clicked on (https://discord.com/channels/&lt;guild&gt;/&lt;channel&gt;/&lt;message&gt;,
/// <c>@me</c> in a DM), so a follow-up reply can point at the reply it came from.
/// </summary>
internal static class SourceLink
{
    /// <summary>" · " and the link; empty when the click carries no message (an ephemeral one, or a modal).</summary>
    public static string Of(Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var interaction = invocation.Interaction;
        if (interaction.MessageId is not { } message || interaction.ChannelId is not { } channel)
        {
            return string.Empty;
        }

        var guild = interaction.GuildId is { } id ? id.Value.ToString(CultureInfo.InvariantCulture) : "@me";
        return string.Create(CultureInfo.InvariantCulture, $" · https://discord.com/channels/{guild}/{channel.Value}/{message.Value}");
    }
}
