namespace ComfyBot.Comfy.Events;

/// <summary><c>logs</c>: server log lines, sent only to sockets that subscribed to them.</summary>
/// <param name="Entries">The lines: time (ISO text) and message.</param>
public sealed record LogsEvent(IReadOnlyList<KeyValuePair<string, string>> Entries) : ComfyEvent((string?)null);
