using System.Collections.Concurrent;

namespace ComfyBot.FakeDiscord.Interactions;

/// <summary>Interactions of one server by id and by token.</summary>
internal sealed class InteractionRegistry
{
    private readonly ConcurrentDictionary<ulong, FakeInteraction> byId = new();
    private readonly ConcurrentDictionary<string, FakeInteraction> byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeInteraction> order = new();

    public IReadOnlyList<FakeInteraction> All => [.. order];

    public void Add(FakeInteraction interaction)
    {
        byId[interaction.Id] = interaction;
        byToken[interaction.Token] = interaction;
        order.Enqueue(interaction);
    }

    public FakeInteraction? Find(ulong id) => byId.GetValueOrDefault(id);

    public FakeInteraction? FindByToken(string token) => byToken.GetValueOrDefault(token);
}
