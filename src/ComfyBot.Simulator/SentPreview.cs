namespace ComfyBot.Simulator;

/// <summary>A sampler preview the simulator sent, so a test can tell which step an image a client shows belongs to.</summary>
/// <param name="PromptId">The prompt that was running.</param>
/// <param name="NodeId">The sampling node.</param>
/// <param name="Step">The step the preview shows (1-based), as its <c>progress</c> message counts it.</param>
/// <param name="Steps">The node's steps.</param>
/// <param name="Sha256">The SHA-256 of the encoded image, lower-case hex (the image itself is not kept).</param>
public sealed record SentPreview(string PromptId, string NodeId, int Step, int Steps, string Sha256);
