namespace ComfyBot.Core.Scheduling;

/// <summary>A backend's slots at one moment, for listings and the ETA.</summary>
public sealed record BackendLoad(string Name, int InFlight, int MaxInFlight)
{
    /// <summary>Slots still free.</summary>
    public int Free => Math.Max(0, MaxInFlight - InFlight);
}
