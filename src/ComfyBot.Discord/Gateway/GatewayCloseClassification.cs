namespace ComfyBot.Discord.Gateway;

/// <summary>The meaning of a gateway close code and what to do about it.</summary>
/// <param name="Action">Resume, re-identify or stop.</param>
/// <param name="Description">What the code means and, for fatal codes, what to fix.</param>
public readonly record struct GatewayCloseClassification(GatewayCloseAction Action, string Description)
{
    /// <summary>Classifies a close code; null means the connection dropped without one (abnormal closure).</summary>
    public static GatewayCloseClassification Classify(int? closeCode) => closeCode switch
    {
        null => new(GatewayCloseAction.Resume, "The connection dropped without a close frame; the session can be resumed."),
        4000 => new(GatewayCloseAction.Resume, "4000 unknown error: Discord hit an unexpected error; resume."),
        4001 => new(GatewayCloseAction.Resume, "4001 unknown opcode: we sent an invalid opcode; resume."),
        4002 => new(GatewayCloseAction.Resume, "4002 decode error: we sent an invalid or oversized (>4096 bytes) payload; resume."),
        4005 => new(GatewayCloseAction.Resume, "4005 already authenticated: we identified twice; resume."),
        4008 => new(GatewayCloseAction.Resume, "4008 rate limited: we sent more than 120 payloads in 60 s; resume."),
        4003 => new(GatewayCloseAction.Reidentify, "4003 not authenticated: we sent a payload before identifying; start a new session."),
        4007 => new(GatewayCloseAction.Reidentify, "4007 invalid seq: the resume sequence was wrong; start a new session."),
        4009 => new(GatewayCloseAction.Reidentify, "4009 session timed out; start a new session."),
        4004 => new(GatewayCloseAction.Fatal, "4004 authentication failed: the bot token is wrong or was reset. Set a valid token (Discord:Token) from the developer portal's Bot page."),
        4010 => new(GatewayCloseAction.Fatal, "4010 invalid shard: the shard id is not below the shard count. Fix the configured shard count."),
        4011 => new(GatewayCloseAction.Fatal, "4011 sharding required: the bot is in too many guilds for one connection. Set the shard count to auto or raise it."),
        4012 => new(GatewayCloseAction.Fatal, "4012 invalid API version: the gateway URL's v= is not supported. Use v=10."),
        4013 => new(GatewayCloseAction.Fatal, "4013 invalid intents: the intents value is not a valid bitfield. Fix the configured intents."),
        4014 => new(GatewayCloseAction.Fatal, "4014 disallowed intents: a privileged intent is not enabled for this app. Enable it in the developer portal or remove it from the configured intents."),

        // 1000/1001 end the session on Discord's side; other transport codes (1006, 1011, ...) keep it resumable.
        1000 or 1001 => new(GatewayCloseAction.Reidentify, $"{closeCode}: the connection closed normally, which ends the session; start a new one."),
        _ => new(GatewayCloseAction.Resume, $"{closeCode}: an unexpected close; try to resume."),
    };
}
