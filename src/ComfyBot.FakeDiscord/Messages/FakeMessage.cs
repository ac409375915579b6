namespace ComfyBot.FakeDiscord.Messages;

/// <summary>
/// A message in the fake, with every state it went through (creation, each edit), so tests can assert on the
/// sequence a progress reply showed.
/// </summary>
public sealed class FakeMessage
{
    private readonly Lock gate = new();
    private readonly List<MessageState> history = [];
    private readonly Dictionary<string, List<ulong>> reactions = new(StringComparer.Ordinal);

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

    /// <summary>The message a reply (type 19) refers to, if any.</summary>
    public ulong? ReferencedMessageId => Reference?.MessageId;

    /// <summary>Reactions by emoji (a unicode emoji, or <c>name:id</c>), with who reacted, in order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ulong>> Reactions
    {
        get
        {
            lock (gate)
            {
                return reactions.ToDictionary(r => r.Key, r => (IReadOnlyList<ulong>)[.. r.Value], StringComparer.Ordinal);
            }
        }
    }

    internal MessageInteraction? Interaction { get; init; }

    internal MessageReference? Reference { get; init; }

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

    /// <summary>Adds a reaction; false when this user already reacted with this emoji.</summary>
    internal bool React(string emoji, ulong userId)
    {
        lock (gate)
        {
            var users = reactions.TryGetValue(emoji, out var list) ? list : reactions[emoji] = [];
            if (users.Contains(userId))
            {
                return false;
            }

            users.Add(userId);
            return true;
        }
    }

    /// <summary>Removes one user's reaction (null user: every reaction with this emoji; null emoji: all reactions).</summary>
    internal void Unreact(string? emoji, ulong? userId)
    {
        lock (gate)
        {
            if (emoji is null)
            {
                reactions.Clear();
            }
            else if (userId is null)
            {
                reactions.Remove(emoji);
            }
            else if (reactions.TryGetValue(emoji, out var users) && users.Remove(userId.Value) && users.Count == 0)
            {
                reactions.Remove(emoji);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"message {Id} in {ChannelId} ({NextVersion} states{(IsDeleted ? ", deleted" : "")})";
}
