namespace ComfyBot.Core.Jobs;

/// <summary>The member who asked for a job.</summary>
/// <param name="MemberId">The chat surface's user id (a Discord snowflake).</param>
/// <param name="DisplayName">The name shown in queue listings, as it was when the job was submitted.</param>
public sealed record JobOwner(ulong MemberId, string DisplayName);
