using ComfyBot.FakeDiscord.Interactions;
using ComfyBot.FakeDiscord.Messages;

namespace ComfyBot.FakeDiscord;

/// <summary>Creating interactions as a user would, and reading what the bot answered.</summary>
public sealed partial class FakeDiscordServer
{
    /// <summary>Every interaction created so far.</summary>
    public IReadOnlyList<FakeInteraction> Interactions => state.Interactions.All;

    /// <summary>
    /// A user runs <c>/name</c>: builds a CHAT_INPUT INTERACTION_CREATE (ids from the fake clock, options with
    /// resolved attachments, member, channel, locale, permissions, attachment_size_limit, token) and dispatches it
    /// on the gateway session of the guild's shard. Without a session it is only created (<see cref="FakeInteraction.IsDispatched"/> false).
    /// </summary>
    public FakeInteraction CreateSlashCommand(string name, IEnumerable<SlashCommandOption>? options = null, InteractionOrigin? origin = null)
    {
        var (interaction, payload) = interactions.SlashCommand(name, [.. options ?? []], origin);
        return Dispatch(interaction, payload);
    }

    /// <summary>
    /// A user is typing an option of <c>/name</c>: an APPLICATION_COMMAND_AUTOCOMPLETE interaction (type 4) whose
    /// focused option (<c>SlashCommandOption.Text("model", "sd") with { Focused = true }</c>) may hold a partial value.
    /// The bot answers with callback type 8.
    /// </summary>
    public FakeInteraction CreateAutocomplete(string name, IEnumerable<SlashCommandOption> options, InteractionOrigin? origin = null)
    {
        var (interaction, payload) = interactions.SlashCommand(name, [.. options], origin, type: 4);
        return Dispatch(interaction, payload);
    }

    /// <summary>A user clicks the button <paramref name="customId"/> on <paramref name="message"/> (a MESSAGE_COMPONENT interaction).</summary>
    public FakeInteraction CreateButtonClick(FakeMessage message, string customId, InteractionOrigin? origin = null)
    {
        var (interaction, payload) = interactions.ButtonClick(message, customId, origin);
        return Dispatch(interaction, payload);
    }

    /// <summary>
    /// A member submits the modal the bot opened in answer to <paramref name="opener"/> (callback type 9): a
    /// MODAL_SUBMIT interaction (type 5) with a value for each text input named in <paramref name="values"/>.
    /// </summary>
    public FakeInteraction CreateModalSubmit(FakeInteraction opener, IReadOnlyDictionary<string, string> values, InteractionOrigin? origin = null)
    {
        var (interaction, payload) = interactions.ModalSubmit(opener, values, origin);
        return Dispatch(interaction, payload);
    }

    /// <summary>Every message stored, in creation order (deleted ones included, flagged).</summary>
    public IReadOnlyList<FakeMessage> Messages => state.Messages.All;

    /// <summary>A message by id, or null.</summary>
    public FakeMessage? FindMessage(ulong id) => state.Messages.Find(id);

    /// <summary>Channels the bot triggered the typing indicator in (POST /channels/{id}/typing), in order.</summary>
    public IReadOnlyList<ulong> TypingIn => state.Typing;

    /// <summary>Messages of one channel in creation order.</summary>
    public IReadOnlyList<FakeMessage> MessagesIn(ulong channelId) => [.. state.Messages.All.Where(m => m.ChannelId == channelId)];

    /// <summary>Completes when <paramref name="condition"/> holds; re-checked on every change to messages, interactions, requests and the gateway.</summary>
    public Task WaitForAsync(Func<FakeDiscordServer, bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return state.Signal.WaitAsync(() => condition(this), cancellationToken);
    }

    /// <summary>Completes with the first message whose state satisfies <paramref name="predicate"/>.</summary>
    public async Task<FakeMessage> WaitForMessageAsync(Func<FakeMessage, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        FakeMessage? found = null;
        await WaitForAsync(_ => (found = state.Messages.All.FirstOrDefault(predicate)) is not null, cancellationToken);
        return found!;
    }

    private FakeInteraction Dispatch(FakeInteraction interaction, System.Text.Json.Nodes.JsonObject payload)
    {
        state.Interactions.Add(interaction);
        interaction.IsDispatched = hub.Dispatch("INTERACTION_CREATE", payload, interaction.GuildId);
        state.Signal.Notify();
        return interaction;
    }
}
