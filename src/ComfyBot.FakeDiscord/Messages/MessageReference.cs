namespace ComfyBot.FakeDiscord.Messages;

/// <summary>What a reply (message type 19) points at: Discord renders it as <c>message_reference</c>.</summary>
internal sealed record MessageReference(ulong MessageId, ulong ChannelId, ulong? GuildId);
