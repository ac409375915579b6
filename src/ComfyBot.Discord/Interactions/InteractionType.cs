namespace ComfyBot.Discord.Interactions;

/// <summary>The kind of an interaction (the <c>type</c> field).</summary>
public enum InteractionType
{
    /// <summary>PING: the HTTP endpoint's handshake; answered by the endpoint itself.</summary>
    Ping = 1,

    /// <summary>A slash, user or message command.</summary>
    ApplicationCommand = 2,

    /// <summary>A button click or a select choice.</summary>
    MessageComponent = 3,

    /// <summary>A user typing into an option that has autocomplete.</summary>
    ApplicationCommandAutocomplete = 4,

    /// <summary>A submitted modal.</summary>
    ModalSubmit = 5,
}
