namespace ComfyBot.Core.Moderation;

/// <summary>A prompt the filter refused: which rule, and whether the rule matched or ran out of time.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="TimedOut">True when the pattern ran out of time on the prompt, which counts as a match.</param>
public sealed record PromptFilterHit(PromptFilterRule Rule, bool TimedOut);
