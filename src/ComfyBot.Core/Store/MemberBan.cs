namespace ComfyBot.Core.Store;

/// <summary>A member who may not submit jobs.</summary>
/// <param name="MemberId">The banned member.</param>
/// <param name="BannedBy">The admin who banned them.</param>
/// <param name="Reason">Why, as the admin gave it; null when none was given.</param>
/// <param name="BannedAt">When (UTC).</param>
public sealed record MemberBan(ulong MemberId, ulong BannedBy, string? Reason, DateTimeOffset BannedAt);
