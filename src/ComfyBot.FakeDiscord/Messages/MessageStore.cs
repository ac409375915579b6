using System.Collections.Concurrent;
using ComfyBot.FakeDiscord.Rest;
using ComfyBot.FakeDiscord.Snowflakes;

namespace ComfyBot.FakeDiscord.Messages;

/// <summary>Every message and uploaded file of one fake server.</summary>
internal sealed class MessageStore(TimeProvider time, SnowflakeGenerator snowflakes, StateSignal signal)
{
    private readonly ConcurrentDictionary<ulong, FakeMessage> messages = new();
    private readonly ConcurrentDictionary<ulong, FakeAttachment> attachments = new();
    private readonly ConcurrentQueue<FakeMessage> order = new();

    /// <summary>Set once Kestrel has its port: attachment URLs point back at the fake.</summary>
    public Uri Root { get; set; } = new("http://127.0.0.1/");

    public DateTimeOffset Now => time.GetUtcNow();

    public IReadOnlyList<FakeMessage> All => [.. order];

    public FakeMessage? Find(ulong id) => messages.GetValueOrDefault(id);

    public FakeAttachment? FindAttachment(ulong id) => attachments.GetValueOrDefault(id);

    public FakeMessage Create(ulong channelId, ulong? guildId, FakeUser author, ulong? interactionId, int type, MessageState state,
        MessageInteraction? interaction = null, MessageReference? reference = null)
    {
        var message = new FakeMessage(snowflakes.Next(), channelId, guildId, author, interactionId, type) { Interaction = interaction, Reference = reference };
        message.Append(state);
        messages[message.Id] = message;
        order.Enqueue(message);
        signal.Notify();
        return message;
    }

    public void Update(FakeMessage message, MessageState state) => Update(message, _ => state);

    /// <summary>Edits from the message's current state (read under the message's lock).</summary>
    public void Update(FakeMessage message, Func<MessageState, MessageState> edit)
    {
        message.Apply(edit);
        signal.Notify();
    }

    public void Delete(FakeMessage message)
    {
        message.MarkDeleted();
        signal.Notify();
    }

    public FakeAttachment StoreAttachment(UploadedFile file, string? filename, string? description, bool spoiler)
    {
        var id = snowflakes.Next();
        var name = string.IsNullOrWhiteSpace(filename) ? file.FileName : filename;
        var attachment = new FakeAttachment
        {
            Id = id,
            Filename = name,
            ContentType = file.ContentType,
            Description = description,
            // Discord shows a file whose name starts with SPOILER_ as a spoiler, as if is_spoiler were set.
            IsSpoiler = spoiler || name.StartsWith(FakeAttachment.SpoilerPrefix, StringComparison.Ordinal),
            Bytes = file.Bytes,
            Url = new Uri(Root, $"attachments/{id}/{Uri.EscapeDataString(name)}"),
        };
        attachments[id] = attachment;
        return attachment;
    }
}
