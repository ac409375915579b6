using System.Text.Json;

namespace ComfyBot.Discord.Gateway;

/// <summary>Dispatch event names; the common ones are shared strings so a busy gateway does not allocate a name per event.</summary>
public static class GatewayEventNames
{
    /// <summary>A new session is ready.</summary>
    public const string Ready = "READY";

    /// <summary>A resumed session has replayed what it missed.</summary>
    public const string Resumed = "RESUMED";

    /// <summary>A guild became available or the bot joined it.</summary>
    public const string GuildCreate = "GUILD_CREATE";

    /// <summary>A user used a command, component, autocomplete or modal.</summary>
    public const string InteractionCreate = "INTERACTION_CREATE";

    internal static string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("INTERACTION_CREATE"u8))
        {
            return InteractionCreate;
        }

        if (reader.ValueTextEquals("GUILD_CREATE"u8))
        {
            return GuildCreate;
        }

        if (reader.ValueTextEquals("READY"u8))
        {
            return Ready;
        }

        return reader.ValueTextEquals("RESUMED"u8) ? Resumed : reader.GetString()!;
    }
}
