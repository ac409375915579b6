using System.Text.Json.Serialization;

namespace ComfyBot.Discord.Responses;

/// <summary>The wire body of a callback: <c>{"type": n, "data": {...}}</c>, data left out when there is none.</summary>
internal sealed class InteractionCallbackPayload<TData>(int type, TData? data)
    where TData : class
{
    [JsonPropertyName("type")]
    public int Type { get; } = type;

    [JsonPropertyName("data")]
    public TData? Data { get; } = data;
}
