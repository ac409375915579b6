namespace ComfyBot.Core.Policies;

/// <summary>A refused job: why, and the message to show the member (what was wrong and how to fix it).</summary>
public sealed record PolicyRefusal(RefusalReason Reason, string Message);
