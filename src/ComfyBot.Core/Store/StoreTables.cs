namespace ComfyBot.Core.Store;

/// <summary>
/// The store's tables beside the jobs, each its own type over the one file (and its one writer) they share with
/// <see cref="JobStore"/>: made together at start, and registered one by one for the handlers that use them.
/// </summary>
/// <param name="Audit">The audit trail.</param>
/// <param name="Bans">The stored bans (the policy reads them through <see cref="Policies.BanList"/>).</param>
/// <param name="PromptFilters">The prompt filter rules admins added.</param>
/// <param name="Settings">The members' /settings defaults.</param>
/// <param name="Usage">GPU runs and the jobs counted against quotas.</param>
/// <param name="Images">The images jobs refer to.</param>
/// <param name="Purge">The deletion retention runs.</param>
public sealed record StoreTables(
    AuditLog Audit,
    BanStore Bans,
    PromptFilterStore PromptFilters,
    MemberSettingsStore Settings,
    UsageStore Usage,
    ImageStore Images,
    FinishedJobPurge Purge)
{
    /// <summary>Every table type over <paramref name="database"/>.</summary>
    public static StoreTables Over(StoreDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new(
            new AuditLog(database),
            new BanStore(database),
            new PromptFilterStore(database),
            new MemberSettingsStore(database),
            new UsageStore(database),
            new ImageStore(database),
            new FinishedJobPurge(database));
    }
}
