using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ComfyBot.Discord.Rest.RateLimits;

/// <summary>Builds the major-parameter part of a <see cref="Route"/>.</summary>
internal static class MajorParameter
{
    public static string Channel(Snowflake channelId) => "channel:" + channelId.ToString();

    public static string Guild(Snowflake guildId) => "guild:" + guildId.ToString();

    /// <summary>
    /// webhook_id + webhook_token is the major parameter of interaction routes. Only a digest of the token enters
    /// the key, so a rate-limit key that ends up in a log or a debugger never carries the secret.
    /// </summary>
    public static string Webhook(Snowflake webhookId, string token)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return string.Create(CultureInfo.InvariantCulture, $"webhook:{webhookId}:{Convert.ToHexString(hash[..8])}");
    }
}
