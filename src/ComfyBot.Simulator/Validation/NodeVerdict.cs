using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Validation;

/// <summary>validate_inputs' (valid, errors) pair for one node.</summary>
internal sealed record NodeVerdict(bool IsValid, JsonArray Errors);
