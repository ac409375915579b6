namespace ComfyBot.Discord.Tests.Gateway;

/// <summary>Server frames as Discord sends them.</summary>
internal static class GatewayFrames
{
    public const string ResumeUrl = "wss://gateway-us-east1-b.discord.gg";
    public const string SessionId = "9d7a2f0c0a5b4b2e8a1f6c3d";
    public const string ApplicationId = "1187000000000000001";

    public static string Hello(int intervalMs) => $$$"""{"op":10,"d":{"heartbeat_interval":{{{intervalMs}}}},"s":null,"t":null}""";

    public static string Ready(int sequence) =>
        "{\"op\":0,\"s\":" + sequence + ",\"t\":\"READY\",\"d\":{\"v\":10,\"user\":{\"id\":\"1187000000000000001\",\"username\":\"comfybot\",\"bot\":true},\"guilds\":[{\"id\":\"1100000000000000001\",\"unavailable\":true}],\"session_id\":\"" + SessionId + "\",\"resume_gateway_url\":\"" + ResumeUrl + "\",\"shard\":[0,1],\"application\":{\"id\":\"" + ApplicationId + "\",\"flags\":8953856}}}";

    public static string Resumed(int sequence) => $$$"""{"op":0,"s":{{{sequence}}},"t":"RESUMED","d":{}}""";

    public static string GuildCreate(int sequence) =>
        $$$"""{"op":0,"s":{{{sequence}}},"t":"GUILD_CREATE","d":{"id":"1100000000000000001","name":"Lighthouse","unavailable":false}}""";

    public const string HeartbeatAck = """{"op":11,"d":null}""";
    public const string HeartbeatRequest = """{"op":1,"d":null}""";
    public const string Reconnect = """{"op":7,"d":null}""";

    public static string InvalidSession(bool resumable) => $$$"""{"op":9,"d":{{{(resumable ? "true" : "false")}}}}""";
}
