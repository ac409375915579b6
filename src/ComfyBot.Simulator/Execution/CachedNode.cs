using System.Text.Json.Nodes;

namespace ComfyBot.Simulator.Execution;

/// <summary>A node's remembered result: its output values and the UI dict it reported, if any.</summary>
internal sealed record CachedNode(IReadOnlyList<NodeValue> Outputs, JsonObject? Ui);
