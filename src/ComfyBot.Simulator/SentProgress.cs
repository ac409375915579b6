namespace ComfyBot.Simulator;

/// <summary>
/// A sampler <c>progress</c> message the simulator sent and when (its own clock), recorded while
/// <see cref="ComfySimulator.RecordProgress"/> is on: how fresh a client's display of it is can then be measured.
/// </summary>
/// <param name="PromptId">The prompt that was running.</param>
/// <param name="NodeId">The sampling node.</param>
/// <param name="Step">The step the message reports (1-based).</param>
/// <param name="Steps">The node's steps.</param>
/// <param name="SentAt">When the message was handed to the client's socket.</param>
public sealed record SentProgress(string PromptId, string NodeId, int Step, int Steps, DateTimeOffset SentAt);
