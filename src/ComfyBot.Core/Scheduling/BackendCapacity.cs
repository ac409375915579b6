namespace ComfyBot.Core.Scheduling;

/// <summary>A backend's configured capacity.</summary>
/// <param name="Name">The backend's configured name; unique.</param>
/// <param name="MaxInFlight">How many prompts the bot keeps on that ComfyUI at once (running plus queued there).</param>
/// <param name="Weight">Preference between equally loaded backends: the higher weight wins (e.g. the faster GPU).</param>
public sealed record BackendCapacity(string Name, int MaxInFlight = 2, double Weight = 1);
