using System.Collections.Concurrent;
using ComfyBot.Core.Store;

namespace ComfyBot.Core.Policies;

/// <summary>
/// The store's bans, mirrored in memory for <see cref="JobPolicy"/> (which asks on every submission).
/// Ban and unban through here so the store and the mirror never disagree.
/// </summary>
public sealed class BanList(BanStore store)
{
    private readonly ConcurrentDictionary<ulong, MemberBan> _bans = new();

    /// <summary>Whether the member is banned in the store.</summary>
    public bool Contains(ulong memberId) => _bans.ContainsKey(memberId);

    /// <summary>Every stored ban.</summary>
    public IReadOnlyCollection<MemberBan> All => [.. _bans.Values];

    /// <summary>Reads the stored bans (at start).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var ban in await store.ListBansAsync(cancellationToken))
        {
            _bans[ban.MemberId] = ban;
        }
    }

    /// <summary>Bans a member: stored first, then mirrored.</summary>
    public async Task<MemberBan> BanAsync(ulong memberId, ulong bannedBy, string? reason, CancellationToken cancellationToken)
    {
        var ban = await store.BanAsync(memberId, bannedBy, reason, cancellationToken);
        _bans[memberId] = ban;
        return ban;
    }

    /// <summary>Lifts a ban; false when the member was not banned.</summary>
    public async Task<bool> UnbanAsync(ulong memberId, CancellationToken cancellationToken)
    {
        var removed = await store.UnbanAsync(memberId, cancellationToken);
        _bans.TryRemove(memberId, out _);
        return removed;
    }
}
