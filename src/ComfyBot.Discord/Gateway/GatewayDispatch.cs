namespace ComfyBot.Discord.Gateway;

/// <summary>One dispatch (op 0) event as received: its name, sequence, shard and the raw JSON of <c>d</c>.</summary>
/// <param name="ShardId">The shard that received it.</param>
/// <param name="EventName">The event name, e.g. <see cref="GatewayEventNames.InteractionCreate"/>.</param>
/// <param name="Sequence">The sequence number.</param>
/// <param name="Data">The UTF-8 JSON of <c>d</c>; a copy the handler may keep.</param>
public sealed record GatewayDispatch(int ShardId, string EventName, int Sequence, ReadOnlyMemory<byte> Data);
