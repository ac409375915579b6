using ComfyBot.Discord.Commands;
using ComfyBot.Discord.Messages;
using ComfyBot.Discord.Rest;

namespace ComfyBot.Discord.Responses;

/// <summary>
/// The first answer to an interaction (POST /interactions/{id}/{token}/callback), due within 3 seconds.
/// Build one with the factory methods.
/// </summary>
public sealed class InteractionCallback
{
    private InteractionCallback(InteractionCallbackType type) => Type = type;

    /// <summary>The callback type.</summary>
    public InteractionCallbackType Type { get; }

    /// <summary>The message of types 4 and 7.</summary>
    public MessageBody? Body { get; private init; }

    /// <summary>For type 5: whether only the invoker will see the response.</summary>
    public bool Ephemeral { get; private init; }

    /// <summary>The suggestions of type 8.</summary>
    public IReadOnlyList<CommandChoice>? Choices { get; private init; }

    /// <summary>The modal of type 9.</summary>
    public ModalForm? Modal { get; private init; }

    /// <summary>Type 4: reply with <paramref name="body"/> now.</summary>
    public static InteractionCallback Reply(MessageBody body) =>
        new(InteractionCallbackType.ChannelMessageWithSource) { Body = body ?? throw new ArgumentNullException(nameof(body)) };

    /// <summary>Type 5: show "thinking…"; the choice of <paramref name="ephemeral"/> is final for this response.</summary>
    public static InteractionCallback Defer(bool ephemeral = false) =>
        new(InteractionCallbackType.DeferredChannelMessageWithSource) { Ephemeral = ephemeral };

    /// <summary>Type 6: acknowledge a component click; edit @original (the clicked message) later.</summary>
    public static InteractionCallback DeferUpdate() => new(InteractionCallbackType.DeferredUpdateMessage);

    /// <summary>Type 7: edit the message that carries the clicked component.</summary>
    public static InteractionCallback UpdateMessage(MessageBody body) =>
        new(InteractionCallbackType.UpdateMessage) { Body = body ?? throw new ArgumentNullException(nameof(body)) };

    /// <summary>Type 8: at most 25 suggestions for the focused option.</summary>
    public static InteractionCallback Autocomplete(IReadOnlyList<CommandChoice> choices) =>
        new(InteractionCallbackType.ApplicationCommandAutocompleteResult) { Choices = choices ?? throw new ArgumentNullException(nameof(choices)) };

    /// <summary>Type 9: open <paramref name="modal"/>; only as the first answer, never to a modal submission.</summary>
    public static InteractionCallback OpenModal(ModalForm modal) =>
        new(InteractionCallbackType.Modal) { Modal = modal ?? throw new ArgumentNullException(nameof(modal)) };

    /// <summary>Checks the limits Discord enforces; throws <see cref="DiscordValidationException"/>.</summary>
    public void Validate()
    {
        switch (Type)
        {
            case InteractionCallbackType.ChannelMessageWithSource:
                MessageBodyValidator.Validate(Body!, requireSomething: true);
                break;
            case InteractionCallbackType.UpdateMessage:
                MessageBodyValidator.Validate(Body!, requireSomething: false);
                break;
            case InteractionCallbackType.ApplicationCommandAutocompleteResult:
                CallbackValidator.ValidateChoices(Choices!);
                break;
            case InteractionCallbackType.Modal:
                CallbackValidator.ValidateModal(Modal!);
                break;
        }
    }

    internal HttpContent CreateContent()
    {
        var type = (int)Type;
        var context = DiscordJsonContext.Default;
        return Type switch
        {
            InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage =>
                RequestContent.Create(
                    new InteractionCallbackPayload<MessagePayload>(type, MessagePayload.From(Body!)),
                    context.InteractionCallbackPayloadMessagePayload,
                    Body!.Files),
            InteractionCallbackType.DeferredChannelMessageWithSource =>
                RequestContent.Json(
                    new InteractionCallbackPayload<MessagePayload>(type, Ephemeral ? new MessagePayload { Flags = (int)MessageFlags.Ephemeral } : null),
                    context.InteractionCallbackPayloadMessagePayload),
            InteractionCallbackType.DeferredUpdateMessage =>
                RequestContent.Json(new InteractionCallbackPayload<MessagePayload>(type, null), context.InteractionCallbackPayloadMessagePayload),
            InteractionCallbackType.ApplicationCommandAutocompleteResult =>
                RequestContent.Json(
                    new InteractionCallbackPayload<AutocompletePayload>(type, new AutocompletePayload(Choices!)),
                    context.InteractionCallbackPayloadAutocompletePayload),
            InteractionCallbackType.Modal =>
                RequestContent.Json(
                    new InteractionCallbackPayload<ModalPayload>(type, ModalPayload.From(Modal!)),
                    context.InteractionCallbackPayloadModalPayload),
            _ => throw new InvalidOperationException($"Callback type {Type} is not supported."),
        };
    }
}
