namespace ComfyBot.Core.Running;

/// <summary>
/// Why a job's stop token fired, kept with its run state (<see cref="ActiveJob.Stopping"/>): it decides where the run
/// goes once the stop is seen. A cancel or an interrupt ends the job, in <see cref="RunState.Cancelled"/> or
/// <see cref="RunState.Interrupted"/>, and names who asked; a move off a dead server sends it back to
/// <see cref="RunState.Waiting"/>.
/// </summary>
internal abstract record StopReason
{
    private StopReason()
    {
    }

    /// <summary>Whether the stop ends the job (a cancel or an interrupt), rather than moving it.</summary>
    public bool EndsJob => this is not MoveOff;

    /// <summary>The job's owner or an admin cancelled it: it ends Cancelled.</summary>
    public sealed record Cancel(string By) : StopReason;

    /// <summary>An admin interrupted it on its server: it ends Interrupted.</summary>
    public sealed record Interrupt(string By) : StopReason;

    /// <summary>The server it was sent to went down: it goes back to the fair queue.</summary>
    public sealed record MoveOff(string Backend) : StopReason;
}
