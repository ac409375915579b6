namespace ComfyBot.FakeDiscord.Messages;

/// <summary>
/// A message in the fake, with every state it went through (creation, each edit), so tests can assert on the
/// sequence a progress reply showed.
/// </summary>
public sealed class FakeMessage
{
    private readonly Lock gate = new();
    private readonly List<MessageState> history = [];

    internal FakeMessage(ulong id, ulong channelId, ulong? guildId, FakeUser author, ulong? interactionId, int type)
    {
        Id = id;
        ChannelId = channelId;
        GuildId = guildId;
        Author = author;
        InteractionId = interactionId;
        Type = type;
    }

    /// <summary>Snowflake.</summary>
    public ulong Id { get; }

    /// <summary>The channel it is in.</summary>
    public ulong ChannelId { get; }

    /// <summary>The guild of that channel, if any.</summary>
    public ulong? GuildId { get; }

    /// <summary>Who posted it (the bot for every message the fake stores).</summary>
    public FakeUser Author { get; }

    /// <summary>The interaction it answers (original response or followup), if any.</summary>
    public ulong? InteractionId { get; }

    /// <summary>Discord message type: 0 DEFAULT, 19 REPLY, 20 CHAT_INPUT_COMMAND.</summary>
    public int Type { get; }

    /// <summary>Whether it was deleted (its history stays readable).</summary>
    public bool IsDeleted { get; private set; }

    /// <summary>Every state, oldest first.</summary>
    public IReadOnlyList<MessageState> History
    {
        get
        {
            lock (gate)
            {
                return [.. history];
            }
        }
    }

    /// <summary>The latest state.</summary>
    public MessageState Current
    {
        get
        {
            lock (gate)
            {
                return history[^1];
            }
        }
    }

    internal void Append(MessageState state)
    {
        lock (gate)
        {
            history.Add(state);
        }
    }

    /// <summary>Computes and appends the next state atomically, so concurrent edits never build on the same state.</summary>
    internal MessageState Apply(Func<MessageState, MessageState> next)
    {
        lock (gate)
        {
            var state = next(history[^1]);
            history.Add(state);
            return state;
        }
    }

    internal int NextVersion
    {
        get
        {
            lock (gate)
            {
                return history.Count;
            }
        }
    }

    internal void MarkDeleted() => IsDeleted = true;

    /// <inheritdoc />
    public override string ToString() => $"message {Id} in {ChannelId} ({NextVersion} states{(IsDeleted ? ", deleted" : "")})";
}
