using System.Text.Json;

namespace ComfyBot.FakeDiscord.Interactions;

/// <summary>The first (and only accepted) callback a client sent for an interaction.</summary>
/// <param name="Type">Callback type: 4 reply, 5 defer, 6 deferred update, 7 update, 8 autocomplete, 9 modal.</param>
/// <param name="Data">The callback's <c>data</c>, if any.</param>
/// <param name="At">When the fake received it.</param>
public sealed record InteractionCallback(int Type, JsonElement? Data, DateTimeOffset At);
