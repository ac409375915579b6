namespace ComfyBot.Core.Moderation;

/// <summary>What one channel allows (<c>ComfyBot:Moderation:Channels:N</c>).</summary>
public sealed class ChannelRule
{
    /// <summary>The channel's id.</summary>
    public ulong ChannelId { get; set; }

    /// <summary>
    /// The templates members may pick in this channel; the Upscale and Vary templates of those come with them.
    /// <value>Empty: every template.</value>
    /// </summary>
    public List<string> Templates { get; set; } = [];

    /// <summary>Whether every image made from this channel is sent as a spoiler (blurred until clicked). <value>false.</value></summary>
    public bool Spoiler { get; set; }
}
