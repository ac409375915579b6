namespace ComfyBot.Comfy.Events;

/// <summary>A message of a type this client does not know (custom nodes send their own); safe to ignore.</summary>
/// <param name="Type">The message's <c>type</c>, or <c>binary:N</c> for a binary frame of event type N.</param>
public sealed record UnknownEvent(string Type) : ComfyEvent((string?)null);
