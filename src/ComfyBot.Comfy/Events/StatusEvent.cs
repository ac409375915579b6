namespace ComfyBot.Comfy.Events;

/// <summary><c>status</c>: the queue changed, or the socket just connected.</summary>
/// <param name="QueueRemaining">Pending plus running prompts on the server.</param>
/// <param name="Sid">The socket's id; present only in the copy sent on connect.</param>
public sealed record StatusEvent(int QueueRemaining, string? Sid) : ComfyEvent((string?)null);
