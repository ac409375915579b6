using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Queueing;

/// <summary>
/// One accepted prompt: the 5-tuple /queue and /history show. <see cref="Number"/> is an integer from the
/// server counter (negative for <c>front</c>) or the client's own number as a float.
/// </summary>
internal sealed record QueuedPrompt(
    double Number,
    bool NumberIsFloat,
    string PromptId,
    JsonObject Prompt,
    JsonObject ExtraData,
    IReadOnlyList<string> OutputsToExecute)
{
    public string? ClientId => ExtraData["client_id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : ExtraData["client_id"]?.ToJsonString();

    public JsonNode NumberNode() => NumberIsFloat ? Validation.PyRepr.FloatNode(Number) : JsonValue.Create((long)Number);

    /// <summary>The [number, prompt_id, prompt, extra_data, outputs_to_execute] array, as a fresh copy.</summary>
    public JsonArray ToTuple() =>
    [
        NumberNode(),
        PromptId,
        Prompt.DeepClone(),
        ExtraData.DeepClone(),
        new JsonArray([.. OutputsToExecute.Select(o => (JsonNode?)JsonValue.Create(o))]),
    ];
}
