namespace ComfyBot.Discord.Tests.Rest;

/// <summary>Canned Discord answers.</summary>
internal static class Canned
{
    public const string User = """{"id":"80351110224678912","username":"comfybot","global_name":null,"bot":true}""";

    public static string Message(ulong id = 1100000000000000001, ulong channel = 1200000000000000001) =>
        $$"""{"id":"{{id}}","channel_id":"{{channel}}","content":"done","flags":0,"attachments":[{"id":"1300000000000000001","filename":"a.png","size":12,"url":"https://cdn.discordapp.com/a.png"}],"edited_timestamp":null}""";

    public static string RateLimited(double retryAfter, bool global) =>
        $$"""{"message":"You are being rate limited.","retry_after":{{retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"global":{{(global ? "true" : "false")}}}""";
}
