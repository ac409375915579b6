namespace ComfyBot.Replies;

/// <summary>The permission bits a reply needs to continue as a channel message once the interaction token expires.</summary>
[Flags]
internal enum ChannelPermissions : ulong
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>VIEW_CHANNEL (0x400).</summary>
    ViewChannel = 0x400,

    /// <summary>SEND_MESSAGES (0x800).</summary>
    SendMessages = 0x800,

    /// <summary>ATTACH_FILES (0x8000).</summary>
    AttachFiles = 0x8000,

    /// <summary>Everything a moved reply needs.</summary>
    MovedReply = ViewChannel | SendMessages | AttachFiles,
}
