namespace ComfyBot.Core.Scheduling;

/// <summary>What the scheduler needs to know about a waiting job; the lead maps it from the stored job.</summary>
/// <param name="JobId">The job's id in the store; unique among waiting jobs.</param>
/// <param name="MemberId">The Discord user who submitted it; fairness is shared out per member.</param>
/// <param name="Weight">The member's priority weight from their roles (see <c>JobPolicy</c>); finite and above 0.</param>
/// <param name="Order">Arrival order (e.g. the store's sequence): FIFO within one member and the tie-break between members.</param>
/// <param name="Workflow">The workflow template's name, for listings and for deciding which backend can run it.</param>
public sealed record QueuedJob(long JobId, ulong MemberId, double Weight, long Order, string Workflow);
