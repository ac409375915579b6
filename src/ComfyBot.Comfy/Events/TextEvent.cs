namespace ComfyBot.Comfy.Events;

/// <summary>Binary type 3 (TEXT): text a node sent to the UI. It is broadcast and names no prompt.</summary>
/// <param name="NodeId">The node that sent the text.</param>
/// <param name="Text">The text.</param>
public sealed record TextEvent(string NodeId, string Text) : ComfyEvent((string?)null);
