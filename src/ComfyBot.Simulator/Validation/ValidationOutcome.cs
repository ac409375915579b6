using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Validation;

/// <summary>
/// The result of validating a prompt: the outputs that will run, the per-node errors (which a 200 can carry
/// too), and for a 400 the top-level error object.
/// </summary>
internal sealed record ValidationOutcome(bool IsValid, JsonObject? Error, IReadOnlyList<string> GoodOutputs, JsonObject NodeErrors)
{
    public static ValidationOutcome Fail(string type, string message, string details) =>
        new(false, ErrorObject(type, message, details, []), [], []);

    public static JsonObject ErrorObject(string type, string message, string details, JsonObject extraInfo) => new()
    {
        ["type"] = type,
        ["message"] = message,
        ["details"] = details,
        ["extra_info"] = extraInfo,
    };
}
