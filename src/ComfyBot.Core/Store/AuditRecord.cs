namespace ComfyBot.Core.Store;

/// <summary>One admin action, kept for later questions ("who cleared the queue?").</summary>
/// <param name="Id">The store's id, increasing with time of writing.</param>
/// <param name="ActorId">The member who acted.</param>
/// <param name="Action">What they did, e.g. <c>cancel</c>, <c>ban</c>, <c>clear</c>.</param>
/// <param name="Target">What it was done to, e.g. <c>#123</c> or a member id; null when nothing in particular.</param>
/// <param name="Detail">Free text, e.g. the reason; null when none.</param>
/// <param name="At">When (UTC).</param>
public sealed record AuditRecord(long Id, ulong ActorId, string Action, string? Target, string? Detail, DateTimeOffset At);
