namespace ComfyBot.Discord.Commands;

/// <summary>The outcome of <see cref="CommandRegistrar.SyncAsync"/>.</summary>
/// <param name="Overwritten">True when a bulk overwrite was sent; false when everything already matched.</param>
/// <param name="Differences">Why it was sent, one line per command (empty when unchanged).</param>
/// <param name="Commands">The registered commands after the sync.</param>
public sealed record CommandSyncResult(bool Overwritten, IReadOnlyList<string> Differences, IReadOnlyList<RegisteredCommand> Commands);
