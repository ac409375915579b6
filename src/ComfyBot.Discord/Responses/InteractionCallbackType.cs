namespace ComfyBot.Discord.Responses;

/// <summary>The callback types a bot sends to answer an interaction.</summary>
public enum InteractionCallbackType
{
    /// <summary>4: reply with a message now.</summary>
    ChannelMessageWithSource = 4,

    /// <summary>5: show "thinking…" and fill the message in later by editing @original.</summary>
    DeferredChannelMessageWithSource = 5,

    /// <summary>6: acknowledge a component without visible change; edit the message later.</summary>
    DeferredUpdateMessage = 6,

    /// <summary>7: edit the message that carries the clicked component.</summary>
    UpdateMessage = 7,

    /// <summary>8: autocomplete suggestions.</summary>
    ApplicationCommandAutocompleteResult = 8,

    /// <summary>9: open a modal form.</summary>
    Modal = 9,
}
