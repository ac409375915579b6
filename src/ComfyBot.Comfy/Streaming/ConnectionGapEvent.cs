using ComfyBot.Comfy.Events;

namespace ComfyBot.Comfy.Streaming;

/// <summary>
/// The event stream was disconnected and is connected again. Messages sent in between are lost for good
/// (ComfyUI replays nothing), so a tracker should poll /history and /queue to catch up.
/// </summary>
/// <param name="DisconnectedAt">When the old connection was found dead.</param>
/// <param name="ReconnectedAt">When the new connection was open and had sent its feature flags.</param>
public sealed record ConnectionGapEvent(DateTimeOffset DisconnectedAt, DateTimeOffset ReconnectedAt) : ComfyEvent((string?)null);
