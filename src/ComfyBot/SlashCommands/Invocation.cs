using ComfyBot.Core.Jobs;
using ComfyBot.Core.Policies;
using ComfyBot.Discord;
using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Interactions;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Responses;
using ComfyBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComfyBot.SlashCommands;

/// <summary>
/// One interaction as a handler sees it: who invoked it (and whether they are an admin, checked on the server
/// against the configured roles and users, never trusting the client), and the ways to answer.
/// Every answer carries <c>allowed_mentions: {parse: []}</c>, so echoed text never pings anyone.
/// </summary>
internal sealed class Invocation
{
    private readonly InteractionContext _context;
    private AnswerKind _answer;

    public Invocation(InteractionContext context, JobPolicy policy, DiscordRestClient rest, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        _context = context;
        Rest = rest;
        Time = time;
        Interaction = context.Interaction;
        var user = Interaction.Invoker;
        MemberId = user.Id.Value;
        DisplayName = Interaction.Member?.Nickname ?? user.GlobalName ?? user.Username;
        RoleIds = [.. (Interaction.Member?.Roles ?? []).Select(r => r.Value)];
        IsAdmin = policy.IsAdmin(MemberId, RoleIds);
    }

    private enum AnswerKind
    {
        None,
        Replied,
        Deferred,
        DeferredEphemeral,
        DeferredUpdate,
    }

    public Interaction Interaction { get; }

    /// <summary>Where a handler's lines for the operator go (an admin's action, for one).</summary>
    public ILogger Log { get; init; } = NullLogger.Instance;

    public DiscordRestClient Rest { get; }

    public TimeProvider Time { get; }

    public ulong MemberId { get; }

    public string DisplayName { get; }

    public IReadOnlyCollection<ulong> RoleIds { get; }

    /// <summary>Whether the invoker is a configured admin (by user id or role).</summary>
    public bool IsAdmin { get; }

    /// <summary>The invoker as a job owner.</summary>
    public JobOwner Owner => new(MemberId, DisplayName);

    /// <summary>Whether the answer is an ephemeral "thinking…" (its reply is seen by the invoker alone).</summary>
    public bool IsDeferredEphemeral => _answer == AnswerKind.DeferredEphemeral;

    /// <summary>Type 9: opens <paramref name="modal"/>; only as the first answer to a command or a click.</summary>
    public Task OpenModalAsync(ModalForm modal, CancellationToken cancellationToken) =>
        CallbackAsync(InteractionCallback.OpenModal(modal), AnswerKind.Replied, cancellationToken);

    /// <summary>Whether the first callback went out.</summary>
    public bool HasAnswered => _answer != AnswerKind.None;

    /// <summary>Type 5: "thinking…" (public or ephemeral); the reply is edited later.</summary>
    public Task DeferAsync(bool ephemeral, CancellationToken cancellationToken) =>
        CallbackAsync(InteractionCallback.Defer(ephemeral), ephemeral ? AnswerKind.DeferredEphemeral : AnswerKind.Deferred, cancellationToken);

    /// <summary>Type 6: acknowledges a button click without changing its message yet.</summary>
    public Task DeferUpdateAsync(CancellationToken cancellationToken) =>
        CallbackAsync(InteractionCallback.DeferUpdate(), AnswerKind.DeferredUpdate, cancellationToken);

    /// <summary>Type 8: autocomplete suggestions.</summary>
    public Task SuggestAsync(IReadOnlyList<CommandChoice> choices, CancellationToken cancellationToken) =>
        CallbackAsync(InteractionCallback.Autocomplete(choices), AnswerKind.Replied, cancellationToken);

    /// <summary>
    /// Shows <paramref name="body"/> to the invoker: as the first answer (type 4), by editing a deferred reply, or
    /// (after a public deferral or a button's deferred update) as a followup. Ephemeral unless <paramref name="ephemeral"/> is false.
    /// </summary>
    public async Task AnswerAsync(MessageBody body, bool ephemeral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        body = body with
        {
            Content = body.Content is null ? null : Replies.ReplyMessage.Fit(body.Content),
            Flags = ephemeral ? MessageFlags.Ephemeral : null,
            AllowedMentions = AllowedMentions.None,
        };
        switch (_answer)
        {
            case AnswerKind.None:
                await CallbackAsync(InteractionCallback.Reply(body), AnswerKind.Replied, cancellationToken);
                break;
            case AnswerKind.DeferredEphemeral when ephemeral:
                await Rest.EditOriginalResponseAsync(Interaction.ApplicationId, Interaction.Token, body with { Flags = null }, cancellationToken);
                break;
            case AnswerKind.Deferred when ephemeral:
                // A public "thinking…" cannot turn ephemeral: remove it and tell the invoker alone.
                await Rest.DeleteOriginalResponseAsync(Interaction.ApplicationId, Interaction.Token, cancellationToken);
                await Rest.CreateFollowupAsync(Interaction.ApplicationId, Interaction.Token, body, cancellationToken);
                break;
            case AnswerKind.Deferred or AnswerKind.DeferredEphemeral:
                await Rest.EditOriginalResponseAsync(Interaction.ApplicationId, Interaction.Token, body with { Flags = null }, cancellationToken);
                break;
            default:
                await Rest.CreateFollowupAsync(Interaction.ApplicationId, Interaction.Token, body, cancellationToken);
                break;
        }
    }

    /// <summary>Tells the invoker <paramref name="text"/>, ephemerally.</summary>
    public Task TellAsync(string text, CancellationToken cancellationToken) =>
        AnswerAsync(new MessageBody { Content = text }, ephemeral: true, cancellationToken);

    private async Task CallbackAsync(InteractionCallback callback, AnswerKind kind, CancellationToken cancellationToken)
    {
        if (_answer != AnswerKind.None)
        {
            throw new InvalidOperationException($"Interaction {Interaction.Id} was already answered; edit the reply or send a followup instead.");
        }

        await Rest.CreateInteractionResponseAsync(Interaction.Id, Interaction.Token, callback, withResponse: false, cancellationToken);
        _answer = kind;
        _context.Acknowledge();
    }
}
