using System.Text.Json.Serialization;

namespace ComfyBot.Health;

/// <summary>One backend in <c>/healthz</c>; <see cref="State"/> is up, down or <see cref="NotCheckedYet"/>.</summary>
internal sealed record BackendReport(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("reachable")] bool Reachable,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("queue")] int Queue,
    [property: JsonPropertyName("since")] DateTimeOffset? Since,
    [property: JsonPropertyName("error")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
{
    /// <summary>The state of a backend whose first check has not answered yet (the bot just started).</summary>
    public const string NotCheckedYet = "not-checked-yet";
}
