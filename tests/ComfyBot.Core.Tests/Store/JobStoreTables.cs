using ComfyBot.Core.Store;

namespace ComfyBot.Core.Tests.Store;

/// <summary>The other tables of an opened job store's file, as the bot's start-up makes them over it.</summary>
internal static class JobStoreTables
{
    public static StoreTables Tables(this JobStore store) => StoreTables.Over(store.Database);
}
