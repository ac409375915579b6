namespace ComfyBot.Discord.Gateway;

/// <summary>Transport compression of what the gateway sends (the <c>compress</c> query parameter).</summary>
public enum GatewayCompression
{
    /// <summary>Plain JSON text frames: more bytes on the wire, no inflate work.</summary>
    None = 0,

    /// <summary><c>compress=zlib-stream</c>: one zlib context per connection, as discord.py and discord.js use it.</summary>
    ZlibStream = 1,
}
