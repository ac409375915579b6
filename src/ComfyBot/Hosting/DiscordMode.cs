namespace ComfyBot.Hosting;

/// <summary>How interactions reach the bot.</summary>
internal enum DiscordMode
{
    /// <summary>Over the gateway WebSocket (no public URL needed).</summary>
    Gateway,

    /// <summary>As signed HTTP POSTs to the interactions endpoint URL set in the developer portal.</summary>
    Http,
}
