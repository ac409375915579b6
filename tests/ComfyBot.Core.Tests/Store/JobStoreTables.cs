using ComfyBot.Core.Store;

namespace ComfyBot.Core.Tests.Store;

/// <summary>The other tables of an opened job store's file, as the bot's start-up makes them over it.</summary>
internal static class JobStoreTables
{
    public static StoreTables Tables(this JobStore store) => StoreTables.Over(store.Database);

    /// <summary>The writer of the jobs' chat targets, open on <paramref name="store"/> as the bot's start-up opens it.</summary>
    public static ChatTargets ChatTargets(this JobStore store)
    {
        var targets = new ChatTargets();
        targets.Open(store);
        return targets;
    }
}
