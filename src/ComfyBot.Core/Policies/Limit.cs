namespace ComfyBot.Core.Policies;

/// <summary>One resolved limit and where it comes from, for messages ("role @Member", "the default limit").</summary>
public sealed record Limit(long Value, string Source);
